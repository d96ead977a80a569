// Browser tests run in Debian's Chromium (no downloaded browser on this network).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { countReporter } from './scripts/count-reporter.mjs';
import { reactPlugins } from './test/react/wtr-react-plugins.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

export default {
  files: ['test/**/*.test.ts', '!test/node/**'],
  nodeResolve: { exportConditions: ['browser', 'import', 'default'] },
  // Standard decorators are not used (Lit's static `properties` instead), but es2022 keeps class
  // fields as written and avoids any down-levelling surprises in Chromium.
  // React ships CommonJS only: reactPlugins serves one ES-module copy of it for test/react/.
  plugins: [...reactPlugins(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: [...CHROMIUM_ARGS],
      },
    }),
  ],
  concurrency: 1,
  browserStartTimeout: 120000,
  testsStartTimeout: 120000,
  testsFinishTimeout: 600000,
  testFramework: { config: { timeout: 120000 } },
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: false }), countReporter()],
};
