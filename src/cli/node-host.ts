/**
 * The few Node.js APIs the CLI needs, typed here rather than through @types/node: the library's
 * TypeScript program is shared with the browser code, which must not see Node globals. The modules
 * are loaded with a non-literal dynamic import so the bundler leaves them alone (they stay Node
 * built-ins, never bundled or polyfilled).
 */

/** Where the CLI reads and writes. Tests and embedders can pass their own. */
export interface CliHost {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, text: string): Promise<void>;
  stdout(text: string): void;
  stderr(text: string): void;
}

interface NodeProcess {
  argv: string[];
  exitCode?: number;
  stdout: { write(text: string): boolean };
  stderr: { write(text: string): boolean };
}

interface NodeFs {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: string, encoding: 'utf8'): Promise<void>;
}

/**
 * The running Node process (throws outside Node).
 * @example nodeProcess().exitCode = 2;
 */
export function nodeProcess(): NodeProcess {
  const proc = (globalThis as unknown as { process?: NodeProcess }).process;
  if (!proc?.argv) throw new Error('retention-widgets CLI: needs Node.js');
  return proc;
}

/**
 * A CliHost on the real file system, stdout and stderr.
 * @example const host = await nodeHost(); host.stderr('hello\n');
 */
export async function nodeHost(): Promise<CliHost> {
  const specifier: string = 'node:fs/promises';
  const fs = (await import(/* @vite-ignore */ specifier)) as NodeFs;
  const proc = nodeProcess();
  return {
    readFile: async (path) => {
      const buf = await fs.readFile(path);
      // A Buffer is a Uint8Array view into a possibly larger pool: hand over exactly its bytes.
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    },
    writeFile: (path, text) => fs.writeFile(path, text, 'utf8'),
    stdout: (text) => void proc.stdout.write(text),
    stderr: (text) => void proc.stderr.write(text),
  };
}
