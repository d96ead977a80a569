/**
 * Chromium for the benchmark: the flags of test/node/chromium.mjs plus precise heap numbers, and a
 * sampler of the resident memory of the whole browser process tree (read from /proc), which sees
 * what the JS heap does not: wasm memory, workers, array buffers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

/** Launches headless Chromium with the test flags and `--enable-precise-memory-info`. */
export function launchBenchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      '--enable-precise-memory-info', // performance.memory without the 100 ms / bucketing blur
    ],
  });
}

const PAGE = 4096;

/** Resident bytes of every descendant of `rootPid` (not the root itself). Linux only; 0 elsewhere. */
export function descendantRss(rootPid) {
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  const parent = new Map();
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the parenthesised command: state, ppid, …
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(after[1]));
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  for (const pid of parent.keys()) {
    let p = parent.get(pid);
    let depth = 0;
    while (p && p !== rootPid && depth++ < 64) p = parent.get(p);
    if (p !== rootPid) continue;
    try {
      total += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
    } catch {
      // ended
    }
  }
  return total;
}

/**
 * Samples the descendants' RSS every `everyMs`. `markBaseline()` records the current value (browser
 * up, page loaded, nothing computed); `stop()` returns { baselineMB, peakMB } and stops sampling.
 */
export function treeRssSampler(rootPid, everyMs = 100) {
  let peak = 0;
  let baseline = NaN;
  let result = null;
  const timer = setInterval(() => {
    const rss = descendantRss(rootPid);
    if (rss > peak) peak = rss;
  }, everyMs);
  return {
    markBaseline() {
      baseline = descendantRss(rootPid);
      peak = baseline;
    },
    stop() {
      if (!result) {
        clearInterval(timer);
        result = { baselineMB: baseline / 2 ** 20, peakMB: peak / 2 ** 20 };
      }
      return result;
    },
  };
}
