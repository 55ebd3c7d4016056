// What the spot-audit costs on the sample batch: a cold run with and without it (`--no-audit`),
// alternated so that machine load hits both alike, and a re-run with nothing changed (which
// renders no crop). Wall and CPU time of the whole process tree (CLI and reader processes).
//
//   npm run bench:audit [-- --runs 3]
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureChild } from './lib/process-tree.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'pipeline', 'cli.js');

interface Measure {
  wallS: number;
  cpuS: number;
}

async function run(batch: string, out: string, extra: string[] = []): Promise<Measure> {
  const { code, wallS, cpuS } = await measureChild([CLI, 'run', batch, '--out', out, '--quiet', ...extra], 100);
  if (code !== 0) throw new Error(`cchc run exited with ${code}`);
  return { wallS, cpuS };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 3) || 3;
  const without: Measure[] = [];
  const withAudit: Measure[] = [];
  const warm: Measure[] = [];
  let warmLine = '';
  let crops = { files: 0, bytes: 0 };
  for (let i = 0; i < runs; i++) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-bench-audit-'));
    try {
      const batch = path.join(dir, 'batch');
      await cp(path.join(ROOT, 'fixtures', 'sample-batch'), batch, { recursive: true });
      without.push(await run(batch, path.join(dir, 'plain'), ['--no-audit']));
      const out = path.join(dir, 'audit');
      withAudit.push(await run(batch, out));
      warm.push(await run(batch, out));
      warmLine = (await readFile(path.join(out, 'cchc.log'), 'utf8')).split('\n').filter((l) => l.includes('Trang kiểm tra tài liệu')).pop() ?? '';
      const names = await readdir(path.join(out, 'audit', 'anh'));
      let bytes = 0;
      for (const n of names) bytes += (await readFile(path.join(out, 'audit', 'anh', n))).length;
      crops = { files: names.length, bytes };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const w = (xs: Measure[]) => median(xs.map((m) => m.wallS));
  const c = (xs: Measure[]) => median(xs.map((m) => m.cpuS));
  const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)}%`;
  const lines = [
    `Sample batch, ${runs} runs each (median), ${os.cpus().length} cores; wall / CPU of the process tree`,
    `  cold run, --no-audit           ${w(without).toFixed(2)} s / ${c(without).toFixed(2)} s`,
    `  cold run, with the audit       ${w(withAudit).toFixed(2)} s / ${c(withAudit).toFixed(2)} s   (+${pct(w(withAudit), w(without))} wall, +${pct(c(withAudit), c(without))} CPU)`,
    `  re-run, nothing changed        ${w(warm).toFixed(2)} s / ${c(warm).toFixed(2)} s`,
    `  crops: ${crops.files} PNG, ${(crops.bytes / 1024 / 1024).toFixed(1)} MB (${(crops.bytes / Math.max(1, crops.files) / 1024).toFixed(0)} KB each)`,
    `  re-run log: ${warmLine.replace(/^\S+ /u, '')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
