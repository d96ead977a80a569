/**
 * Character encoding of text bytes, and their conversion to the UTF-8 the parsers read.
 *
 * Order files are UTF-8 nearly always, but spreadsheets save what the machine's code page says:
 * Excel on a Chinese Windows writes "CSV" as GBK (GB18030's two-byte subset), on a Taiwanese or
 * Hong Kong one as Big5, on a Western one as Windows-1252, and its "Unicode text" as UTF-16 LE with
 * a BOM. Decoding any of those as UTF-8 turns names into U+FFFD and merges distinct customers, so:
 *
 * 1. a BOM decides (UTF-8, UTF-16 LE, UTF-16 BE); a BOM-less UTF-16 file is recognised by its NUL
 *    bytes in every other position (ASCII text in UTF-16);
 * 2. valid UTF-8 (pure ASCII included) is UTF-8;
 * 3. otherwise the bytes are tried as GB18030 and as Big5 (strict decoders: one impossible byte
 *    sequence rules an encoding out). Text in either has its non-ASCII bytes in pairs whose both
 *    bytes are ≥ 0xA1 most of the time (GB2312's whole hanzi range; most of Big5's), while Western
 *    text has single high bytes between ASCII letters (`Müller`: `fc 6c` is also a valid GBK pair,
 *    but its second byte is a plain `l`). So an encoding is taken only when at least 30% of its
 *    pairs are "both high"; between the two, the one whose decoding holds more of the most common
 *    Chinese characters wins (a tie goes to GB18030, the larger market);
 * 4. else Windows-1252 (every byte is a character there, so nothing is lost).
 * An `encoding` option wins over all of this.
 */
import { LoadError } from './types.js';

const CHUNK = 1 << 20;
/** Bytes looked at to choose between the legacy encodings. */
const SNIFF_BYTES = 1 << 16;

/** Encodings the loader names in its report (WHATWG labels). */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5' | 'windows-1252' | (string & {});

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

// Frequent characters of order exports and of Chinese text, in simplified and traditional forms:
// a GB18030 reading of Big5 bytes (or the reverse) yields rare characters instead.
const COMMON_HAN = new Set(
  ('的一是不了人我在有他这這中大来來上国國个個到说說们們为為子和你地出道也时時年得就那要下以生会會自着去之过過家学學对對可' +
   '里后後小么心多天而能好都然没沒日于起还還发發成事只作当當想看文无無开開手十用主行方又如前所本见見经經头頭面公同三已老从從动動' +
   '客户戶编編号號订訂单單间間金额額实實付款商品名称稱渠道省份城市地区區会員员买買家用昵暱称稱数數量价價格类類目平台来源货貨' +
   '支购購物总總销銷售时時日期月创創建下交易状狀态態收件人电電话話址京东東淘宝寶天猫貓有赞讚微信店铺鋪元')
    .split(''),
);

/** Fraction of a legacy two-byte reading's pairs with both bytes ≥ 0xA1, and how many pairs there are. */
function highPairShare(bytes: Uint8Array): { share: number; pairs: number } {
  let pairs = 0, high = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x81) continue;
    const t = bytes[i + 1] ?? 0;
    pairs++;
    if (b >= 0xa1 && t >= 0xa1) high++;
    i++;
  }
  return { share: pairs === 0 ? 0 : high / pairs, pairs };
}

function strictDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function commonHanCount(text: string): number {
  let n = 0;
  for (const ch of text) if (COMMON_HAN.has(ch)) n++;
  return n;
}

/** Cuts a sample so that it does not end inside a two-byte character (at the last ASCII byte). */
function sampleOf(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= SNIFF_BYTES) return bytes;
  let end = SNIFF_BYTES;
  while (end > 0 && bytes[end - 1] >= 0x80) end--;
  return bytes.subarray(0, end);
}

/**
 * The encoding of text bytes by the rules above (module comment).
 *
 * @example
 * detectEncoding(new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7])); // 'gb18030' ("客户" in GBK)
 * detectEncoding(new TextEncoder().encode('José,£5'));       // 'utf-8'
 */
export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const bomless = utf16WithoutBom(bytes);
  if (bomless) return bomless;
  if (isValidUtf8(bytes)) return 'utf-8';
  const sample = sampleOf(bytes);
  const { share } = highPairShare(sample);
  if (share >= 0.3) {
    const gb = strictDecode('gb18030', sample);
    const big5 = strictDecode('big5', sample);
    if (gb !== null && big5 !== null) return commonHanCount(big5) > commonHanCount(gb) ? 'big5' : 'gb18030';
    if (gb !== null) return 'gb18030';
    if (big5 !== null) return 'big5';
  }
  return 'windows-1252';
}

/** UTF-16 without a BOM: NULs in every other byte of the first ones (ASCII text), on one side only. */
function utf16WithoutBom(bytes: Uint8Array): TextEncodingName | undefined {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 8) return undefined;
  let evenNul = 0, oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.6 && evenNul === 0) return 'utf-16le';
  if (evenNul > pairs * 0.6 && oddNul === 0) return 'utf-16be';
  return undefined;
}

/** Whether the runtime's TextDecoder knows `label`. */
function knownEncoding(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

/**
 * `bytes` as UTF-8 plus the encoding they were read in: unchanged when they already are UTF-8,
 * else decoded (by `forced`, or the encoding `detectEncoding` finds) and re-encoded. A BOM is
 * dropped. Throws LoadError 'bad-encoding' for an encoding name the runtime does not know.
 *
 * @example
 * const { bytes, encoding } = toUtf8(gbkBytes); // encoding === 'gb18030'
 */
export function toUtf8(bytes: Uint8Array, forced?: string): { bytes: Uint8Array; encoding: TextEncodingName } {
  let encoding: TextEncodingName;
  if (forced !== undefined) {
    const known = knownEncoding(forced.trim());
    if (known === undefined) {
      throw new LoadError('bad-encoding', `The encoding "${forced}" is not one this browser can decode: use a WHATWG label such as utf-8, gb18030, gbk, big5, utf-16le, shift_jis or windows-1252 (the encoding attribute / option).`);
    }
    encoding = known === 'gbk' ? 'gb18030' : known; // GB18030 is a superset of GBK
  } else encoding = detectEncoding(bytes);
  if (encoding === 'utf-8') {
    if (forced === undefined || isValidUtf8(bytes)) return { bytes, encoding };
  }
  const text = new TextDecoder(encoding).decode(bytes); // the BOM of the encoding is dropped
  return { bytes: new TextEncoder().encode(text), encoding };
}

/**
 * `bytes` as UTF-8: unchanged when they already are, else decoded in the detected encoding.
 *
 * @example new TextDecoder().decode(asUtf8(new Uint8Array([0xa3, 0x35]))); // "£5"
 */
export function asUtf8(bytes: Uint8Array): Uint8Array {
  return toUtf8(bytes).bytes;
}
