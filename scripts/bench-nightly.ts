// Nightly-run figures on the sample batch: a cold run, the first re-run with nothing changed (its
// outputs kept but changes.json, which now says "nothing": run/kept-run.ts), quiet nights after it
// (the outputs kept), and a re-run after one unit replaced a file, each as `cchc run` is started from cron; wall time, CPU time and the
// peak resident memory of the whole process tree (the CLI and its reader processes). CPU time is
// what to compare on a loaded machine: other processes stretch wall time, much less CPU time.
//
//   npm run build && npx tsx scripts/bench-nightly.ts [--runs 3]
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureChild } from './lib/process-tree.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'pipeline', 'cli.js');

interface Measure {
  wallS: number;
  cpuS: number;
  peakMb: number;
}

async function run(batch: string, out: string): Promise<Measure> {
  const { code, wallS, cpuS, peakMb } = await measureChild([CLI, 'run', batch, '--out', out, '--quiet'], 50);
  if (code !== 0) throw new Error(`cchc run exited with ${code}`);
  return { wallS, cpuS, peakMb };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 3) || 3;
  const cold: Measure[] = [];
  const warm: Measure[] = [];
  const quiet: Measure[] = [];
  const changed: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-nightly-'));
    try {
      const batch = path.join(dir, 'batch');
      const out = path.join(dir, 'out');
      await cp(path.join(ROOT, 'fixtures', 'sample-batch'), batch, { recursive: true });
      // Uploaded before the night's run: a folder changed in the last two seconds is "racily clean"
      // and never kept (run/kept-run.ts), which a fresh copy would otherwise always be.
      await sleep(2_100);
      cold.push(await run(batch, out));
      warm.push(await run(batch, out));
      for (let night = 0; night < 3; night++) quiet.push(await run(batch, out));
      // Overnight one unit replaces its plan by another document.
      const from = path.join(batch, 'units/STP/evidence/1.1.1');
      const to = path.join(batch, 'units/SXD/evidence/1.1.1');
      for (const f of await readdir(to)) await rm(path.join(to, f));
      await cp(path.join(from, (await readdir(from))[0]!), path.join(to, 'ke-hoach-moi.pdf'));
      changed.push(await run(batch, out));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const c = median(cold.map((m) => m.wallS));
  const w = median(warm.map((m) => m.wallS));
  const q = median(quiet.map((m) => m.wallS));
  const ch = median(changed.map((m) => m.wallS));
  const cpu = (ms: Measure[]) => median(ms.map((m) => m.cpuS));
  const line = (name: string, wall: number, ms: Measure[]) =>
    `  ${name.padEnd(36)}${wall.toFixed(2)} s   ${cpu(ms).toFixed(2)} CPU-s   ${Math.max(...ms.map((m) => m.peakMb)).toFixed(0)} MB`
    + (ms === cold ? '' : `   ${((wall / c) * 100).toFixed(1)}% of cold wall, ${((cpu(ms) / cpu(cold)) * 100).toFixed(1)}% of cold CPU`);
  const lines = [
    `Sample batch, ${runs} runs each (median wall and CPU time, peak memory of the process tree), ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
    line('cold run (nothing cached)', c, cold),
    line('first re-run, nothing changed', w, warm),
    line('quiet night after it (outputs kept)', q, quiet),
    line('re-run, one file replaced', ch, changed),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
