/**
 * Entry of the `retention-widgets` command (package `bin`, built to dist/cli.js): runs the CLI on
 * the process arguments and sets the exit code. See `USAGE` in args.ts.
 */
import { nodeHost, nodeProcess } from './node-host.js';
import { runCli } from './run.js';

const proc = nodeProcess();
proc.exitCode = await runCli(proc.argv.slice(2), await nodeHost());
