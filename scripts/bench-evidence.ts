// Benchmark of the evidence reader against the naive reader on a generated corpus with ground truth.
//
//   npm run bench                      120 mixed PDFs, seed 3, both readers, scans-only runs for CPU per scan
//   npm run bench -- --quick           skip the scans-only runs
//   npm run bench -- --seed 7 --dir /tmp/corpus
//
// Each reader runs in its own subprocess so CPU time (its whole process tree, reader processes and
// OCR threads included) and peak memory (resident memory of the tree, sampled every 100 ms) are its
// own. Accuracy: number, date and type code exactly as the ground truth; suffix flag precision and
// recall. Figures go to stdout and to <dir>/bench-report.json.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEvidenceReader, type ReaderEvent } from '../pipeline/evidence/reader.js';
import type { GroundTruth } from './lib/evidence-corpus.js';
import { createNaiveReader } from './lib/naive-reader.js';
import { measureChild } from './lib/process-tree.js';

const SELF = fileURLToPath(import.meta.url);

interface Args {
  seed: number;
  dir: string;
  quick: boolean;
  concurrency: number;
  run?: 'ours' | 'naive';
  list?: string;
  cache?: string;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const seed = Number(value('seed') ?? 3);
  return {
    seed,
    dir: path.resolve(value('dir') ?? path.join(os.tmpdir(), `cchc-bench-${seed}`)),
    quick: argv.includes('--quick'),
    concurrency: Number(value('concurrency') ?? os.availableParallelism()),
    ...(value('run') ? { run: value('run') as 'ours' | 'naive' } : {}),
    ...(value('list') ? { list: value('list') } : {}),
    ...(value('cache') ? { cache: value('cache') } : {}),
  };
}

interface Truthful {
  name: string;
  kind: string;
  truth: GroundTruth;
}

interface Reading {
  name: string;
  status: string;
  source: string | null;
  number: string | null;
  date: string | null;
  typeCode: string | null;
  suffixed: boolean;
  confidence?: number;
  cpuMs?: number;
  ocrRegions?: number;
  phases?: Record<string, number>;
  error?: string;
}

async function ensureCorpus(args: Args): Promise<Truthful[]> {
  // Imported here, not at the top: the generator (fonts, canvas, pdf-lib) takes some 0.6 s to load,
  // and the measured reader subprocesses, which run this same script, must not pay for it.
  const { DEFAULT_MIX, generateCorpus } = await import('./lib/evidence-corpus.js');
  const truthFile = path.join(args.dir, 'truth.json');
  if (existsSync(truthFile)) {
    const saved = JSON.parse(await readFile(truthFile, 'utf8')) as { seed: number; mix: unknown; items: Truthful[] };
    if (saved.seed === args.seed && JSON.stringify(saved.mix) === JSON.stringify(DEFAULT_MIX)) return saved.items;
  }
  await rm(args.dir, { recursive: true, force: true });
  await mkdir(path.join(args.dir, 'pdf'), { recursive: true });
  const total = Object.values(DEFAULT_MIX).reduce((a, b) => a + b, 0);
  const items: Truthful[] = [];
  const started = performance.now();
  for await (const item of generateCorpus(DEFAULT_MIX, args.seed)) {
    await writeFile(path.join(args.dir, 'pdf', item.name), item.bytes);
    items.push({ name: item.name, kind: item.kind, truth: item.truth });
    process.stderr.write(`\rcorpus: ${items.length}/${total}`);
  }
  process.stderr.write(`\rcorpus: ${total} files in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  await writeFile(truthFile, `${JSON.stringify({ seed: args.seed, mix: DEFAULT_MIX, items }, null, 2)}\n`);
  return items;
}

/** Subprocess side: read the listed files with one reader and print the readings as JSON. */
async function runReader(args: Args): Promise<void> {
  const names = (await readFile(args.list ?? '', 'utf8')).split('\n').filter(Boolean);
  const files = names.map((n) => path.join(args.dir, 'pdf', n));
  const started = performance.now();
  let readings: Reading[];
  if (args.run === 'ours') {
    const events = new Map<string, Extract<ReaderEvent, { type: 'done' }>>();
    const reader = createEvidenceReader({
      concurrency: args.concurrency,
      ...(args.cache ? { cacheDir: args.cache } : {}),
      onEvent: (e) => {
        if (e.type === 'done') events.set(e.file, e);
      },
    });
    const results = await Promise.all(files.map((f) => reader.read(f)));
    await reader.close();
    readings = results.map((r) => ({
      name: path.basename(r.file), status: r.status, source: r.source, number: r.number, date: r.date, typeCode: r.typeCode,
      suffixed: r.suffixed, confidence: r.confidence, cpuMs: events.get(r.file)?.cpuMs ?? 0, ocrRegions: events.get(r.file)?.ocrRegions ?? 0,
      ...(events.get(r.file)?.phases ? { phases: events.get(r.file)?.phases } : {}),
      ...(r.error ? { error: r.error } : {}),
    }));
  } else {
    const reader = await createNaiveReader({ concurrency: args.concurrency });
    const results = await Promise.all(files.map((f) => reader.read(f)));
    await reader.close();
    readings = results.map((r, k) => ({ name: names[k] ?? '', ...r }));
  }
  process.stdout.write(`${JSON.stringify({ wallMs: performance.now() - started, readings })}\n`);
}

interface RunMeasure {
  label: string;
  files: number;
  wallS: number;
  cpuS: number;
  peakMb: number;
  readings: Reading[];
}

async function measure(label: string, args: Args, mode: 'ours' | 'naive', names: string[], cache?: string): Promise<RunMeasure> {
  const list = path.join(args.dir, `list-${label.replace(/\W+/gu, '-')}.txt`);
  await writeFile(list, `${names.join('\n')}\n`);
  const measured = await measureChild(['--import', 'tsx', SELF, '--run', mode, '--dir', args.dir, '--seed', String(args.seed), '--list', list, '--concurrency', String(args.concurrency), ...(cache ? ['--cache', cache] : [])]);
  if (measured.code !== 0) throw new Error(`${label}: reader subprocess exited with ${measured.code}`);
  const { wallS, cpuS, peakMb: peak, stdout: out } = measured;
  const { readings } = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { readings: Reading[] };
  const run = { label, files: names.length, wallS, cpuS, peakMb: peak, readings };
  process.stderr.write(`${label}: ${names.length} files, ${wallS.toFixed(1)} s, CPU ${run.cpuS.toFixed(1)} s, peak ${peak.toFixed(0)} MB\n`);
  return run;
}

interface Accuracy {
  files: number;
  number: number;
  date: number;
  both: number;
  typeCode: number;
  unreadable: number;
  suffix: { tp: number; fp: number; fn: number; precision: number; recall: number };
  misses: { name: string; kind: string; expected: string; got: string }[];
}

function accuracy(items: Truthful[], readings: Reading[]): Accuracy {
  const byName = new Map(readings.map((r) => [r.name, r]));
  const acc: Accuracy = { files: items.length, number: 0, date: 0, both: 0, typeCode: 0, unreadable: 0, suffix: { tp: 0, fp: 0, fn: 0, precision: 1, recall: 1 }, misses: [] };
  for (const item of items) {
    const r = byName.get(item.name);
    if (!r) continue;
    if (r.status !== 'ok') acc.unreadable += 1;
    const numberOk = (r.number ?? null) === item.truth.number;
    const dateOk = (r.date ?? null) === item.truth.date;
    if (numberOk) acc.number += 1;
    if (dateOk) acc.date += 1;
    if (numberOk && dateOk) acc.both += 1;
    if ((r.typeCode ?? null) === item.truth.typeCode) acc.typeCode += 1;
    if (r.suffixed && item.truth.suffixed) acc.suffix.tp += 1;
    if (r.suffixed && !item.truth.suffixed) acc.suffix.fp += 1;
    if (!r.suffixed && item.truth.suffixed) acc.suffix.fn += 1;
    if (!numberOk || !dateOk) {
      acc.misses.push({
        name: item.name, kind: item.kind,
        expected: `${item.truth.number ?? '(blank)'} ${item.truth.date ?? '(blank)'}`,
        got: `${r.number ?? '-'} ${r.date ?? '-'}${r.error ? ` [${r.error}]` : ''}${r.confidence !== undefined ? ` conf ${r.confidence}` : ''}`,
      });
    }
  }
  acc.suffix.precision = acc.suffix.tp + acc.suffix.fp === 0 ? 1 : acc.suffix.tp / (acc.suffix.tp + acc.suffix.fp);
  acc.suffix.recall = acc.suffix.tp + acc.suffix.fn === 0 ? 1 : acc.suffix.tp / (acc.suffix.tp + acc.suffix.fn);
  return acc;
}

const pct = (n: number, d: number) => `${((100 * n) / Math.max(d, 1)).toFixed(1)}%`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.run) return runReader(args);
  if (!existsSync(path.join(path.dirname(SELF), '..', 'dist', 'pipeline', 'evidence', 'reader-process.js'))) {
    throw new Error('dist/ missing: run `npm run build` first (npm run bench does)');
  }
  const items = await ensureCorpus(args);
  const all = items.map((i) => i.name);
  const scans = items.filter((i) => i.truth.scanned).map((i) => i.name);
  const cacheDir = path.join(args.dir, 'cache');
  await rm(cacheDir, { recursive: true, force: true });

  const ours = await measure('ours, cold', args, 'ours', all, cacheDir);
  const warm = await measure('ours, cached re-run', args, 'ours', all, cacheDir);
  const naive = await measure('naive', args, 'naive', all);
  const oursScans = args.quick ? null : await measure('ours, scans only', args, 'ours', scans);
  const naiveScans = args.quick ? null : await measure('naive, scans only', args, 'naive', scans);

  const accOurs = accuracy(items, ours.readings);
  const accNaive = accuracy(items, naive.readings);
  const kinds = [...new Set(items.map((i) => i.kind))];
  const perKind = kinds.map((kind) => {
    const subset = items.filter((i) => i.kind === kind);
    const a = accuracy(subset, ours.readings);
    const b = accuracy(subset, naive.readings);
    const mine = ours.readings.filter((r) => subset.some((s) => s.name === r.name));
    const cpu = mine.reduce((s, r) => s + (r.cpuMs ?? 0), 0) / subset.length;
    const phases: Record<string, number> = {};
    for (const r of mine) for (const [phase, ms] of Object.entries(r.phases ?? {})) phases[phase] = (phases[phase] ?? 0) + ms / subset.length;
    return { kind, files: subset.length, ours: a.both, naive: b.both, oursCpuMsPerFile: Math.round(cpu), phases };
  });

  const lines: string[] = [];
  const row = (cells: (string | number)[]) => lines.push(cells.map((c, k) => String(c).padEnd(k === 0 ? 34 : 14)).join(''));
  lines.push(`Corpus: ${items.length} PDFs (seed ${args.seed}), ${scans.length} scanned; ${args.concurrency} workers; ${os.cpus()[0]?.model ?? ''}`);
  lines.push('');
  row(['', 'ours', 'naive']);
  row(['number exactly right', pct(accOurs.number, items.length), pct(accNaive.number, items.length)]);
  row(['date exactly right', pct(accOurs.date, items.length), pct(accNaive.date, items.length)]);
  row(['number and date right', pct(accOurs.both, items.length), pct(accNaive.both, items.length)]);
  row(['type code right', pct(accOurs.typeCode, items.length), pct(accNaive.typeCode, items.length)]);
  row(['suffix flag precision', `${pct(accOurs.suffix.tp, accOurs.suffix.tp + accOurs.suffix.fp)} (${accOurs.suffix.fp} FP)`, `${pct(accNaive.suffix.tp, accNaive.suffix.tp + accNaive.suffix.fp)} (${accNaive.suffix.fp} FP)`]);
  row(['suffix flag recall', `${pct(accOurs.suffix.tp, accOurs.suffix.tp + accOurs.suffix.fn)} (${accOurs.suffix.fn} FN)`, `${pct(accNaive.suffix.tp, accNaive.suffix.tp + accNaive.suffix.fn)} (${accNaive.suffix.fn} FN)`]);
  row(['unreadable', accOurs.unreadable, accNaive.unreadable]);
  row(['wall time (s)', ours.wallS.toFixed(1), naive.wallS.toFixed(1)]);
  row(['files per second', (items.length / ours.wallS).toFixed(2), (items.length / naive.wallS).toFixed(2)]);
  row(['throughput ratio', `${(naive.wallS / ours.wallS).toFixed(1)}x`, '1x']);
  row(['CPU seconds, whole corpus', ours.cpuS.toFixed(1), naive.cpuS.toFixed(1)]);
  if (oursScans && naiveScans) {
    row(['CPU seconds per scanned file', (oursScans.cpuS / scans.length).toFixed(2), (naiveScans.cpuS / scans.length).toFixed(2)]);
    row(['scans: files per second', (scans.length / oursScans.wallS).toFixed(2), (scans.length / naiveScans.wallS).toFixed(2)]);
  }
  row(['peak memory, process tree (MB)', ours.peakMb.toFixed(0), naive.peakMb.toFixed(0)]);
  row(['cached re-run (s)', warm.wallS.toFixed(1), '-']);
  lines.push('');
  lines.push('Per kind (number and date both right):');
  for (const k of perKind) lines.push(`  ${k.kind.padEnd(20)} ${String(k.files).padStart(3)} files   ours ${String(k.ours).padStart(3)}   naive ${String(k.naive).padStart(3)}   ours CPU ${k.oursCpuMsPerFile} ms/file`);
  const phaseNames = [...new Set(perKind.flatMap((k) => Object.keys(k.phases)))].sort();
  lines.push('');
  lines.push('Per kind, our reader processes\' time by phase (ms per file; `other` is CPU outside the timed phases):');
  lines.push(`  ${'kind'.padEnd(20)}${['cpu', ...phaseNames, 'other'].map((p) => p.padStart(11)).join('')}`);
  for (const k of perKind) {
    const timed = Object.values(k.phases).reduce((a, b) => a + b, 0);
    const cells = [k.oursCpuMsPerFile, ...phaseNames.map((p) => k.phases[p] ?? 0), Math.max(0, k.oursCpuMsPerFile - timed)];
    lines.push(`  ${k.kind.padEnd(20)}${cells.map((c) => String(Math.round(c)).padStart(11)).join('')}`);
  }
  if (accOurs.misses.length > 0) {
    lines.push('');
    lines.push('Our misses:');
    for (const m of accOurs.misses) lines.push(`  ${m.name}: expected ${m.expected}, got ${m.got}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const report = {
    seed: args.seed, files: items.length, scanned: scans.length, concurrency: args.concurrency,
    ours: { accuracy: accOurs, wallS: ours.wallS, cpuS: ours.cpuS, peakMb: ours.peakMb, cachedRerunS: warm.wallS, scansCpuS: oursScans?.cpuS, scansWallS: oursScans?.wallS },
    naive: { accuracy: accNaive, wallS: naive.wallS, cpuS: naive.cpuS, peakMb: naive.peakMb, scansCpuS: naiveScans?.cpuS, scansWallS: naiveScans?.wallS },
    perKind,
  };
  await writeFile(path.join(args.dir, 'bench-report.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`report: ${path.join(args.dir, 'bench-report.json')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
