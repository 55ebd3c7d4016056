// What the spot-audit costs on the sample batch: a cold run with and without it (`--no-audit`),
// alternated so that machine load hits both alike, and a re-run with nothing changed (which
// renders no crop). Wall and CPU time of the whole process tree (CLI and reader processes).
// Then the pages of a batch the size the issue asks to stay usable (200 units × 60 evidence files,
// made from the sample's results): time to render them and their weight.
//
//   npm run bench:audit [-- --runs 3]
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderAudit } from '../pipeline/audit/render-audit.js';
import type { BatchResult } from '../pipeline/model.js';
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
  const warmPlain: Measure[] = [];
  const loads: number[] = [];
  let warmLine = '';
  let crops = { files: 0, bytes: 0 };
  let big = '';
  for (let i = 0; i < runs; i++) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-bench-audit-'));
    try {
      const batch = path.join(dir, 'batch');
      await cp(path.join(ROOT, 'fixtures', 'sample-batch'), batch, { recursive: true });
      const plain = path.join(dir, 'plain');
      loads.push(os.loadavg()[0]!);
      without.push(await run(batch, plain, ['--no-audit']));
      const out = path.join(dir, 'audit');
      loads.push(os.loadavg()[0]!);
      withAudit.push(await run(batch, out));
      warm.push(await run(batch, out));
      warmPlain.push(await run(batch, plain, ['--no-audit']));
      warmLine = (await readFile(path.join(out, 'cchc.log'), 'utf8')).split('\n').filter((l) => l.includes('Trang kiểm tra tài liệu')).pop() ?? '';
      const names = await readdir(path.join(out, 'audit', 'anh'));
      let bytes = 0;
      for (const n of names) bytes += (await readFile(path.join(out, 'audit', 'anh', n))).length;
      crops = { files: names.length, bytes };
      if (!big) big = bigBatch(JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult, crops.bytes / names.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const w = (xs: Measure[]) => median(xs.map((m) => m.wallS));
  const c = (xs: Measure[]) => median(xs.map((m) => m.cpuS));
  const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)}%`;
  // Each run with the audit beside the run without it just before: load that drifts between
  // iterations hits both of a pair alike.
  const paired = (f: (m: Measure) => number) => `${((median(withAudit.map((m, i) => f(m) / f(without[i]!))) - 1) * 100).toFixed(1)}%`;
  const lines = [
    `Sample batch, ${runs} runs each (median), ${os.cpus().length} cores, load average ${loads.map((l) => l.toFixed(1)).join(' / ')} (1 min, at each cold run); wall / CPU of the process tree`,
    `  cold run, --no-audit           ${w(without).toFixed(2)} s / ${c(without).toFixed(2)} s`,
    `  cold run, with the audit       ${w(withAudit).toFixed(2)} s / ${c(withAudit).toFixed(2)} s   (+${pct(w(withAudit), w(without))} wall, +${pct(c(withAudit), c(without))} CPU; median of the pairs: +${paired((m) => m.wallS)} wall, +${paired((m) => m.cpuS)} CPU)`,
    `  re-run, nothing changed        ${w(warm).toFixed(2)} s / ${c(warm).toFixed(2)} s   (--no-audit: ${w(warmPlain).toFixed(2)} s / ${c(warmPlain).toFixed(2)} s)`,
    `  crops: ${crops.files} PNG, ${(crops.bytes / 1024 / 1024).toFixed(1)} MB (${(crops.bytes / Math.max(1, crops.files) / 1024).toFixed(0)} KB each)`,
    `  re-run log: ${warmLine.replace(/^\S+ /u, '')}`,
    big,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The sample's results grown to 200 units × 60 files: render time and page weight. */
function bigBatch(sample: BatchResult, cropBytes: number): string {
  const model = sample.units.find((u) => u.status === 'ok' && u.evidence.length > 0)!;
  const units = Array.from({ length: 200 }, (_, n) => {
    const unit = structuredClone(model);
    unit.code = `DV${String(n + 1).padStart(3, '0')}`;
    const read = unit.evidence.filter((e) => e.status === 'ok');
    unit.evidence = Array.from({ length: 60 }, (_, k) => ({ ...read[k % read.length]!, file: `units/${unit.code}/evidence/tep-${k}.pdf`, sha256: `${n}-${k}`.padStart(64, '0') }));
    const leaves = unit.criteria.filter((c) => c.leaf);
    leaves.forEach((c, i) => (c.evidence = unit.evidence.filter((_, k) => k % leaves.length === i).map((e) => e.file)));
    return unit;
  });
  const started = performance.now();
  const pages = renderAudit({ ...sample, units }, { pdf: (rel) => `../../batch/${rel}`, crop: (e) => `anh/${e.sha256}.png` });
  const ms = performance.now() - started;
  const index = pages.find((p) => p.path === 'index.html')!;
  const unitPages = pages.filter((p) => p !== index).map((p) => Buffer.byteLength(p.html));
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  return [
    `  200 units × 60 files: ${pages.length} pages rendered in ${(ms / 1000).toFixed(2)} s; index ${kb(Buffer.byteLength(index.html))};`,
    `    a unit page ${kb(Math.max(...unitPages))} of HTML (${model.criteria.filter((c) => c.leaf).length} criteria, 60 files), its 60 crops ${kb(60 * cropBytes)} loaded as they scroll into view`,
  ].join('\n');
}

await main();
