/**
 * Character encoding of text bytes. Order files are UTF-8 nearly always, but spreadsheets on Windows
 * still save "CSV" as Windows-1252 (Latin-1 plus € and curly quotes): decoding those bytes as UTF-8
 * would silently turn `José` and `£5` into `Jos\uFFFD` and `\uFFFD5`, merging distinct customers.
 * So bytes that are not valid UTF-8 are read as Windows-1252 instead (every byte is a character
 * there, so nothing is lost), and re-encoded as UTF-8 for the parsers.
 */

const CHUNK = 1 << 20;

/**
 * Whether `bytes` are valid UTF-8. Checked in 1 MiB chunks with the native fatal decoder (fast on
 * ASCII, and no string the size of the whole file); pure ASCII is valid.
 *
 * @example isValidUtf8(new Uint8Array([0x4a, 0xc3, 0xa9])); // true ("Jé")
 */
export function isValidUtf8(bytes: Uint8Array): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    for (let at = 0; at < bytes.length; at += CHUNK) {
      decoder.decode(bytes.subarray(at, Math.min(bytes.length, at + CHUNK)), { stream: at + CHUNK < bytes.length });
    }
    decoder.decode(); // a character cut off at the very end is invalid too
    return true;
  } catch {
    return false;
  }
}

/**
 * `bytes` as UTF-8: unchanged when they already are, else decoded as Windows-1252 and re-encoded.
 *
 * @example new TextDecoder().decode(asUtf8(new Uint8Array([0xa3, 0x35]))); // "£5"
 */
export function asUtf8(bytes: Uint8Array): Uint8Array {
  if (isValidUtf8(bytes)) return bytes;
  return new TextEncoder().encode(new TextDecoder('windows-1252').decode(bytes));
}
