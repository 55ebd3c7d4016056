// Benchmark of the evidence reader against the naive reader on a generated corpus with ground truth.
//
//   npm run bench                      120 mixed PDFs, seed 3, both readers, scans-only runs for CPU per scan;
//                                      then the harsher set (HARSH_MIX: 100–150 dpi, JPEG q30–50, faded,
//                                      skewed, pen-written fills, incoming stamps, signing boxes), both readers
//   npm run bench -- --quick           skip the scans-only runs
//   npm run bench -- --no-harsh        only the main corpus
//   npm run bench -- --seed 7 --dir /tmp/corpus
//   npm run bench -- --reuse-naive     take the naive reader's run from the last one on the same files
//                                      (<dir>/naive-*.json, its readings and times) instead of reading again
//
// Each reader runs in its own subprocess so CPU time (its whole process tree, reader processes and
// OCR threads included) and peak memory (resident memory of the tree, sampled every 100 ms) are its
// own. Accuracy: number, date and type code exactly as the ground truth; suffix flag precision and
// recall. Calibration: a field is DECIDED when the reader states it (a value or "blank") at
// confidence >= 0.8, the threshold the rules act on; a decided field that is wrong is CONFIDENT-WRONG.
// The reliability table gives, per source (text layer, annotation, OCR) and confidence bin, the
// share of stated fields that are right. Figures go to stdout and to <dir>/bench-report.json.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEvidenceReader, type ReaderEvent } from '../pipeline/evidence/reader.js';
import type { GroundTruth } from './lib/evidence-corpus.js';
import { measureChild } from './lib/process-tree.js';

const SELF = fileURLToPath(import.meta.url);

interface Args {
  seed: number;
  dir: string;
  quick: boolean;
  harsh: boolean;
  reuseNaive: boolean;
  /** Which corpus a `--run` subprocess reads (its truth and PDFs are under `dir`). */
  corpus: 'main' | 'harsh';
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
    reuseNaive: argv.includes('--reuse-naive'),
    harsh: !argv.includes('--no-harsh'),
    corpus: value('corpus') === 'harsh' ? 'harsh' : 'main',
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
  numberConfidence?: number;
  dateConfidence?: number;
  blankNumber?: boolean;
  blankDate?: boolean;
  cpuMs?: number;
  ocrRegions?: number;
  phases?: Record<string, number>;
  error?: string;
}

async function ensureCorpus(args: Args): Promise<Truthful[]> {
  // Imported here, not at the top: the generator (fonts, canvas, pdf-lib) takes some 0.6 s to load,
  // and the measured reader subprocesses, which run this same script, must not pay for it.
  const { DEFAULT_MIX, HARSH_MIX, generateCorpus } = await import('./lib/evidence-corpus.js');
  const mix = args.corpus === 'harsh' ? HARSH_MIX : DEFAULT_MIX;
  const truthFile = path.join(args.dir, 'truth.json');
  if (existsSync(truthFile)) {
    const saved = JSON.parse(await readFile(truthFile, 'utf8')) as { seed: number; mix: unknown; items: Truthful[] };
    if (saved.seed === args.seed && JSON.stringify(saved.mix) === JSON.stringify(mix)) return saved.items;
  }
  await rm(args.dir, { recursive: true, force: true });
  await mkdir(path.join(args.dir, 'pdf'), { recursive: true });
  const total = Object.values(mix).reduce((a, b) => a + b, 0);
  const items: Truthful[] = [];
  const started = performance.now();
  for await (const item of generateCorpus(mix, args.seed)) {
    await writeFile(path.join(args.dir, 'pdf', item.name), item.bytes);
    items.push({ name: item.name, kind: item.kind, truth: item.truth });
    process.stderr.write(`\rcorpus: ${items.length}/${total}`);
  }
  process.stderr.write(`\rcorpus: ${total} files in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  await writeFile(truthFile, `${JSON.stringify({ seed: args.seed, mix, items }, null, 2)}\n`);
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
      suffixed: r.suffixed, confidence: r.confidence, numberConfidence: r.numberConfidence, dateConfidence: r.dateConfidence,
      blankNumber: r.blankNumber, blankDate: r.blankDate, cpuMs: events.get(r.file)?.cpuMs ?? 0, ocrRegions: events.get(r.file)?.ocrRegions ?? 0,
      ...(events.get(r.file)?.phases ? { phases: events.get(r.file)?.phases } : {}),
      ...(r.error ? { error: r.error } : {}),
    }));
  } else {
    // Imported only here: the naive reader's libraries (pdf.js, canvas, tesseract.js) must not load,
    // and count, in the subprocess that measures our reader.
    const { createNaiveReader } = await import('./lib/naive-reader.js');
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
  const measured = await measureChild(['--import', 'tsx', SELF, '--run', mode, '--dir', args.dir, '--corpus', args.corpus, '--seed', String(args.seed), '--list', list, '--concurrency', String(args.concurrency), ...(cache ? ['--cache', cache] : [])]);
  if (measured.code !== 0) throw new Error(`${label}: reader subprocess exited with ${measured.code}`);
  const { wallS, cpuS, peakMb: peak, stdout: out } = measured;
  const { readings } = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { readings: Reading[] };
  const run = { label, files: names.length, wallS, cpuS, peakMb: peak, readings };
  process.stderr.write(`${label}: ${names.length} files, ${wallS.toFixed(1)} s, CPU ${run.cpuS.toFixed(1)} s, peak ${peak.toFixed(0)} MB\n`);
  return run;
}

/** The naive reader's run (saved beside the corpus), or with --reuse-naive the last one saved for the same files. */
async function naiveMeasure(label: string, args: Args, names: string[]): Promise<RunMeasure> {
  const saved = path.join(args.dir, `naive-${label.replace(/\W+/gu, '-')}.json`);
  if (args.reuseNaive && existsSync(saved)) {
    const run = JSON.parse(await readFile(saved, 'utf8')) as RunMeasure & { names: string[] };
    if (JSON.stringify(run.names) === JSON.stringify(names)) {
      process.stderr.write(`${label}: reused from ${saved} (${run.wallS.toFixed(1)} s, CPU ${run.cpuS.toFixed(1)} s)\n`);
      return run;
    }
  }
  const run = await measure(label, args, 'naive', names);
  await writeFile(saved, `${JSON.stringify({ ...run, names })}\n`);
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
  /** Fields (number, date) stated at >= 0.8, those right, and the confident-wrong ones. */
  decided: number;
  decidedRight: number;
  confidentWrong: { name: string; field: 'number' | 'date'; expected: string; got: string; confidence: number }[];
  /** Per source, per confidence bin: stated fields and how many are right. */
  reliability: Record<string, { bin: string; stated: number; right: number }[]>;
}

/** The rules act on a field at or above this confidence. */
const DECIDED = 0.8;
const BINS: [number, number][] = [[0, 0.5], [0.5, 0.8], [0.8, 0.9], [0.9, 0.95], [0.95, 1.0001]];
const binLabel = ([lo, hi]: [number, number]) => `${lo.toFixed(2)}–${Math.min(hi, 1).toFixed(2)}`;

function accuracy(items: Truthful[], readings: Reading[]): Accuracy {
  const byName = new Map(readings.map((r) => [r.name, r]));
  const acc: Accuracy = {
    files: items.length, number: 0, date: 0, both: 0, typeCode: 0, unreadable: 0, suffix: { tp: 0, fp: 0, fn: 0, precision: 1, recall: 1 }, misses: [],
    decided: 0, decidedRight: 0, confidentWrong: [], reliability: {},
  };
  for (const item of items) {
    const r = byName.get(item.name);
    if (!r) continue;
    for (const field of ['number', 'date'] as const) {
      // Stated: a value, or a blank claimed; its confidence the field's own (the overall one for the naive reader).
      const blank = field === 'number' ? r.blankNumber === true : r.blankDate === true;
      const value = field === 'number' ? r.number : r.date;
      if (value === null && !blank) continue;
      const confidence = (field === 'number' ? r.numberConfidence : r.dateConfidence) ?? r.confidence ?? 1;
      const expected = field === 'number' ? item.truth.number : item.truth.date;
      const truthBlank = field === 'number' ? item.truth.blankNumber : item.truth.blankDate;
      const right = blank ? truthBlank && expected === null : value === expected;
      const source = r.source ?? 'none';
      const bins = (acc.reliability[source] ??= BINS.map((b) => ({ bin: binLabel(b), stated: 0, right: 0 })));
      const k = BINS.findIndex(([lo, hi]) => confidence >= lo && confidence < hi);
      const cell = bins[k < 0 ? 0 : k];
      if (cell) {
        cell.stated += 1;
        if (right) cell.right += 1;
      }
      if (confidence >= DECIDED) {
        acc.decided += 1;
        if (right) acc.decidedRight += 1;
        else acc.confidentWrong.push({ name: item.name, field, expected: expected ?? '(blank)', got: blank ? '(blank)' : (value ?? '-'), confidence });
      }
    }
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

/** Accuracy, calibration and the reliability table of one run, as printed lines. */
function calibrationLines(acc: Accuracy, fields: number): string[] {
  const lines: string[] = [];
  lines.push(`Decided fields (confidence >= ${DECIDED}): ${acc.decided}/${fields}, right ${acc.decidedRight} (${pct(acc.decidedRight, fields)} of all fields); confident-wrong ${acc.confidentWrong.length}`);
  for (const w of acc.confidentWrong) lines.push(`  confident-wrong ${w.name} ${w.field}: expected ${w.expected}, got ${w.got} at ${w.confidence}`);
  lines.push('Reliability (stated fields by source and confidence: share right, count):');
  lines.push(`  ${'source'.padEnd(12)}${BINS.map((b) => binLabel(b).padStart(18)).join('')}`);
  for (const [source, bins] of Object.entries(acc.reliability)) {
    lines.push(`  ${source.padEnd(12)}${bins.map((b) => (b.stated === 0 ? '-' : `${pct(b.right, b.stated)} (${b.stated})`).padStart(18)).join('')}`);
  }
  return lines;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.run) return runReader(args);
  if (!existsSync(path.join(path.dirname(SELF), '..', 'dist', 'pipeline', 'evidence', 'reader-process.js'))) {
    throw new Error('dist/ missing: run `npm run build` first (npm run bench does)');
  }
  const report: Record<string, unknown> = {};
  report.main = await benchCorpus({ ...args, corpus: 'main' }, !args.quick);
  if (args.harsh) {
    process.stdout.write(`\n${'='.repeat(100)}\n\n`);
    report.harsh = await benchCorpus({ ...args, corpus: 'harsh', dir: `${args.dir}-harsh` }, false);
  }
  await writeFile(path.join(args.dir, 'bench-report.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`report: ${path.join(args.dir, 'bench-report.json')}\n`);
}

/** Generate (or reuse) one corpus, read it with both readers, print the figures and return them for the report. */
async function benchCorpus(args: Args, scansOnly: boolean): Promise<unknown> {
  const items = await ensureCorpus(args);
  const all = items.map((i) => i.name);
  const scans = items.filter((i) => i.truth.scanned).map((i) => i.name);
  const cacheDir = path.join(args.dir, 'cache');
  await rm(cacheDir, { recursive: true, force: true });

  const ours = await measure('ours, cold', args, 'ours', all, cacheDir);
  const warm = await measure('ours, cached re-run', args, 'ours', all, cacheDir);
  const naive = await naiveMeasure('naive', args, all);
  const oursScans = scansOnly ? await measure('ours, scans only', args, 'ours', scans) : null;
  const naiveScans = scansOnly ? await naiveMeasure('naive, scans only', args, scans) : null;

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
  lines.push(`Corpus${args.corpus === 'harsh' ? ' (harsher set)' : ''}: ${items.length} PDFs (seed ${args.seed}), ${scans.length} scanned; ${args.concurrency} workers; ${os.cpus()[0]?.model ?? ''}`);
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
  row(['throughput ratio by CPU', `${(naive.cpuS / ours.cpuS).toFixed(1)}x`, '1x']);
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
  lines.push('');
  lines.push(...calibrationLines(accOurs, 2 * items.length));
  if (accOurs.misses.length > 0) {
    lines.push('');
    lines.push('Our misses:');
    for (const m of accOurs.misses) lines.push(`  ${m.name}: expected ${m.expected}, got ${m.got}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return {
    seed: args.seed, files: items.length, scanned: scans.length, concurrency: args.concurrency,
    ours: { accuracy: accOurs, wallS: ours.wallS, cpuS: ours.cpuS, peakMb: ours.peakMb, cachedRerunS: warm.wallS, scansCpuS: oursScans?.cpuS, scansWallS: oursScans?.wallS },
    naive: { accuracy: accNaive, wallS: naive.wallS, cpuS: naive.cpuS, peakMb: naive.peakMb, scansCpuS: naiveScans?.cpuS, scansWallS: naiveScans?.wallS },
    perKind,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
