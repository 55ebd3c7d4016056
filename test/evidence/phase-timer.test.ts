// A run's log says how much memory the run itself reached (run-phases.ts). A run started by a large
// process (cron's shell is small; a benchmark, a supervisor written in Node are not) must report its
// own memory, not its parent's.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { peakRssMb } from '../../pipeline/evidence/phase-timer.js';
import { packageRoot } from '../../pipeline/util/package-root.js';

const run = promisify(execFile);

describe('peakRssMb', () => {
  it('is this process\'s own peak: a child of a process holding 600 MB reports its own few tens of MB', async () => {
    // The parent holds 600 MB, every page touched, when it starts the child.
    const ballast = Buffer.alloc(600 * 1024 * 1024, 1);
    const timer = pathToFileURL(path.join(packageRoot(), 'dist', 'pipeline', 'evidence', 'phase-timer.js')).href;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `
      const { peakRssMb } = await import(${JSON.stringify(timer)});
      process.stdout.write(JSON.stringify({ own: peakRssMb(), maxRss: Math.round(process.resourceUsage().maxRSS / 1024) }));
    `]);
    expect(ballast.length).toBeGreaterThan(0);
    const { own, maxRss } = JSON.parse(stdout) as { own: number; maxRss: number };
    expect(own).toBeLessThan(200);
    // What getrusage says on Linux: the forked copy of the parent, carried across exec.
    if (process.platform === 'linux') expect(maxRss).toBeGreaterThan(600);
  });

  it('never falls below what the process holds now', () => {
    expect(peakRssMb()).toBeGreaterThanOrEqual(Math.floor(process.memoryUsage().rss / 1024 / 1024) - 1);
  });
});
