// Nightly-run figures on the sample batch: a cold run, a re-run with nothing changed, and a re-run
// after one unit replaced a file, each as `cchc run` is started from cron; wall time and the peak
// resident memory of the whole process tree (the CLI and its reader processes).
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
  peakMb: number;
}

async function run(batch: string, out: string): Promise<Measure> {
  const { code, wallS, peakMb } = await measureChild([CLI, 'run', batch, '--out', out, '--quiet'], 50);
  if (code !== 0) throw new Error(`cchc run exited with ${code}`);
  return { wallS, peakMb };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 3) || 3;
  const cold: Measure[] = [];
  const warm: Measure[] = [];
  const changed: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-nightly-'));
    try {
      const batch = path.join(dir, 'batch');
      const out = path.join(dir, 'out');
      await cp(path.join(ROOT, 'fixtures', 'sample-batch'), batch, { recursive: true });
      cold.push(await run(batch, out));
      warm.push(await run(batch, out));
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
  const ch = median(changed.map((m) => m.wallS));
  const lines = [
    `Sample batch, ${runs} runs each (median wall time, peak memory of the process tree), ${os.cpus().length} cores`,
    `  cold run (nothing cached)           ${c.toFixed(2)} s   ${Math.max(...cold.map((m) => m.peakMb)).toFixed(0)} MB`,
    `  re-run, nothing changed             ${w.toFixed(2)} s   ${Math.max(...warm.map((m) => m.peakMb)).toFixed(0)} MB   ${((w / c) * 100).toFixed(1)}% of cold`,
    `  re-run, one file replaced           ${ch.toFixed(2)} s   ${Math.max(...changed.map((m) => m.peakMb)).toFixed(0)} MB   ${((ch / c) * 100).toFixed(1)}% of cold`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
