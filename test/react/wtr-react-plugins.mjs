// React and react-dom ship CommonJS only (entry files that pick a build by `process.env.NODE_ENV`);
// the browser test runner serves ES modules. This dev-server plugin serves them as ES modules:
// esbuild bundles React, ReactDOM and react-dom/client once into one module (one copy of React,
// development build: its checks are what a test wants), and each bare specifier resolves to a
// small facade re-exporting that package's names, read from the package itself in Node.
// Only the React packages are affected; the library and its tests are untouched.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';

const PREFIX = '/__react__/';
/** Specifier → name of its namespace in the bundle. */
const PACKAGES = { react: 'React', 'react-dom': 'ReactDOM', 'react-dom/client': 'ReactDOMClient', 'react/jsx-runtime': 'JsxRuntime' };
const fileOf = (specifier) => `${PREFIX}${specifier.replace('/', '__')}.js`;

let bundle;
async function bundleSource(rootDir) {
  bundle ??= build({
    stdin: {
      contents: Object.entries(PACKAGES)
        .map(([spec, name]) => `import * as ${name} from '${spec}'; export { ${name} };`)
        .join('\n'),
      resolveDir: rootDir,
    },
    bundle: true,
    format: 'esm',
    write: false,
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0].text);
  return bundle;
}

let exportNames;
/**
 * Specifier → the names its CommonJS module exports, read by requiring the packages in a child
 * Node (React's development build patches `console`, which the test runner's process wraps).
 */
function namesOf(rootDir) {
  const script = `const r = require('node:module').createRequire(process.cwd() + '/');
    console.log(JSON.stringify(Object.fromEntries(${JSON.stringify(Object.keys(PACKAGES))}.map((s) => [s, Object.keys(r(s))]))));`;
  exportNames ??= JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: rootDir, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'development' } }));
  return exportNames;
}

/** `export default X; export const { a, b } = X;` for the names the CommonJS module exports. */
function facade(specifier, rootDir) {
  const name = PACKAGES[specifier];
  const keys = namesOf(rootDir)[specifier].filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
  return `import { ${name} as ns } from '${PREFIX}bundle.js';
const m = ns.default ?? ns;
export default m;
export const { ${keys.join(', ')} } = m;
`;
}

/** Plugins for web-test-runner's `plugins` list. */
export function reactPlugins() {
  let rootDir = process.cwd();
  return [
    {
      name: 'react-esm',
      serverStart({ config }) {
        rootDir = config.rootDir ?? rootDir;
      },
      resolveImport({ source }) {
        return Object.hasOwn(PACKAGES, source) ? fileOf(source) : undefined;
      },
      async serve(context) {
        if (!context.path.startsWith(PREFIX)) return undefined;
        if (context.path === `${PREFIX}bundle.js`) return { body: await bundleSource(rootDir), type: 'js' };
        const specifier = Object.keys(PACKAGES).find((s) => fileOf(s) === context.path);
        return specifier ? { body: facade(specifier, rootDir), type: 'js' } : undefined;
      },
    },
  ];
}
