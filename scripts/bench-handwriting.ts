// Benchmark of the second recognizer (handwritten numerals and days) with claim verification.
//
//   npm run bench:handwriting                       60 generated handwritten scans (seed 10) + real-headers
//   npm run bench:handwriting -- --count 100 --seed 4 --dir /tmp/hand
//   npm run bench:handwriting -- --no-real          generated corpus only
//   npm run bench:handwriting -- --cases /tmp/c.txt  also each part the true claim does not decide, with why
//
// For each handwritten part: what the ink alone decides, and what it decides with the unit's claims
// (the true value claimed for half the files, a wrong one for a tenth: one digit changed), scored as
// decided-and-right, decided-and-wrong (confident-wrong: must be 0), contradiction caught, undecided.
// CPU: the handwriting pass per scan (line rendering, printed-word OCR, recognizer), model load apart.
// Generated lines come from the generator's layout; real-headers lines from an OCR pass over the crop
// (the reader's own parts give them in the pipeline).
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HEADER_OCR_ZONE } from '../pipeline/evidence/decree30-layout.js';
import type { HandPartKind } from '../pipeline/evidence/handwriting/blank-crops.js';
import { findBlanks } from '../pipeline/evidence/handwriting/blank-crops.js';
import type { ClaimedValue } from '../pipeline/evidence/handwriting/claimed-values.js';
import type { Extraction } from '../pipeline/model.js';
import type { HandReading } from '../pipeline/evidence/handwriting/read-blank.js';
import { bestPath, encodeFrames } from '../pipeline/evidence/handwriting/ctc-digits.js';
import { handReadingOf } from '../pipeline/evidence/handwriting/resolve.js';
import { type HandLine, readHandLines } from '../pipeline/evidence/handwriting/read-lines.js';
import { DigitRecognizer } from '../pipeline/evidence/handwriting/recognizer.js';
import { claimAndNeighbour, type PartVerdict, VERIFY, verifyPart } from '../pipeline/evidence/handwriting/verify-claim.js';
import { OcrEngine } from '../pipeline/evidence/ocr-engine.js';
import { pageOneImage, renderImageRegion } from '../pipeline/evidence/page-image.js';
import { type GreyImage, openPdf, pageSize, type Region, renderRegion } from '../pipeline/evidence/pdf-page.js';
import { createRandom } from './lib/random.js';

const argv = process.argv.slice(2);
const value = (name: string) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
};
const seed = Number(value('seed') ?? 10);
const count = Number(value('count') ?? 60);
const dir = path.resolve(value('dir') ?? path.join(os.tmpdir(), `cchc-hand-${seed}-${count}`));
const REAL = path.resolve(value('real') ?? '../shared/real-headers');

interface Part {
  file: string;
  kind: HandPartKind;
  truth: string;
  reading: HandReading | null;
}

type Scenario = 'ink-alone' | 'true-claim' | 'wrong-claim';

/** One digit of `v` changed (the unit cites another document, or mistypes). */
function wrongOf(kind: HandPartKind, v: string, random: ReturnType<typeof createRandom>): string {
  for (let tries = 0; tries < 20; tries += 1) {
    const at = random.int(0, v.length - 1);
    const digit = String((Number(v[at]) + random.int(1, 9)) % 10);
    const w = v.slice(0, at) + digit + v.slice(at + 1);
    const n = Number(w);
    if (w !== v && (kind === 'numeral' ? n > 0 && !w.startsWith('0') : kind === 'day' ? n >= 1 && n <= 31 : n >= 1 && n <= 12)) return String(kind === 'numeral' ? w : n);
  }
  return kind === 'numeral' ? String(Number(v) + 1) : String((Number(v) % 9) + 1);
}

function claimFor(part: Part, scenario: Scenario, random: ReturnType<typeof createRandom>): ClaimedValue[] {
  if (scenario === 'ink-alone') return [];
  const v = scenario === 'true-claim' ? part.truth : wrongOf(part.kind, part.truth, random);
  return [{ kind: part.kind, value: v, source: 'explanation', text: v }];
}

interface Tally {
  parts: number;
  right: number;
  wrong: number;
  caught: number;
  undecided: number;
}

function score(parts: Part[], scenario: Scenario, wrongShare = 0.1): { byKind: Record<string, Tally>; wrongCases: string[] } {
  const random = createRandom(seed * 31 + scenario.length);
  const byKind: Record<string, Tally> = {};
  const wrongCases: string[] = [];
  for (const part of parts) {
    const s: Scenario = scenario === 'wrong-claim' ? (random.chance(wrongShare) ? 'wrong-claim' : 'true-claim') : scenario;
    const claims = claimFor(part, s, random);
    const verdict: PartVerdict = verifyPart(part.reading, claims, part.kind);
    const t = (byKind[part.kind] ??= { parts: 0, right: 0, wrong: 0, caught: 0, undecided: 0 });
    t.parts += 1;
    if (verdict.outcome === 'supported' || verdict.outcome === 'ink') {
      if (verdict.value === part.truth) t.right += 1;
      else {
        t.wrong += 1;
        wrongCases.push(`${part.file} ${part.kind}: truth ${part.truth}, decided ${verdict.value} (${verdict.outcome}, claims ${claims.map((c) => c.value).join(',') || '-'}, candidates ${part.reading?.candidates.map((c) => `${c.value}@${c.probability.toFixed(2)}`).join(' ')})`);
      }
    } else if (verdict.outcome === 'contradicted') {
      if (s === 'wrong-claim') t.caught += 1;
      else {
        t.wrong += 1;
        wrongCases.push(`${part.file} ${part.kind}: true claim ${part.truth} called contradicted (read ${verdict.read})`);
      }
    } else t.undecided += 1;
  }
  return { byKind, wrongCases };
}

/** Every value one digit off the truth (a digit changed; a day's or month's leading digit may drop: 16 → 6). */
function everyWrong(kind: HandPartKind, v: string): string[] {
  const out = new Set<string>();
  for (let at = 0; at < v.length; at += 1) {
    for (let d = 0; d < 10; d += 1) {
      const w = v.slice(0, at) + String(d) + v.slice(at + 1);
      const n = Number(w);
      if (kind === 'numeral' ? n > 0 && !w.startsWith('0') : kind === 'day' ? n >= 1 && n <= 31 : n >= 1 && n <= 12) out.add(kind === 'numeral' ? w : String(n));
    }
  }
  out.delete(kind === 'numeral' ? v : String(Number(v)));
  return [...out];
}

/** Each part claimed with every value one digit off its truth: how many of those wrong claims decide (must be 0). */
function stressEveryWrong(title: string, parts: Part[]): void {
  console.log(`\n${title}`);
  const byKind = new Map<string, { claims: number; taken: string[] }>();
  for (const part of parts) {
    const t = byKind.get(part.kind) ?? { claims: 0, taken: [] };
    byKind.set(part.kind, t);
    for (const w of everyWrong(part.kind, part.truth)) {
      t.claims += 1;
      const verdict = verifyPart(part.reading, [{ kind: part.kind, value: w, source: 'explanation', text: w }], part.kind);
      if (verdict.outcome === 'supported') t.taken.push(`${part.file} ${part.kind}: truth ${part.truth}, claim ${w} taken (candidates ${part.reading?.candidates.map((c) => `${c.value}@${c.probability.toFixed(2)}`).join(' ')})`);
    }
  }
  for (const [kind, t] of byKind) console.log(`${kind.padEnd(9)} wrong claims ${String(t.claims).padStart(5)}  taken ${t.taken.length}`);
  for (const [, t] of byKind) for (const w of t.taken) console.log(`  TAKEN ${w}`);
}

/**
 * What any check of a claim against this ink can reach: the parts whose true value the ink holds
 * at least `VERIFY.neighbourRatio` times more likely than every value one digit away (forced
 * alignment on the views' frames, inkLikelihood). A part below that line needs better ink
 * evidence (views, recognizer), not a better rule.
 */
function ceiling(parts: Part[]): void {
  console.log('\nink ceiling: the true value at least neighbourRatio× as likely as every value one digit away');
  const byKind = new Map<string, { parts: number; above: number }>();
  for (const part of parts) {
    const t = byKind.get(part.kind) ?? { parts: 0, above: 0 };
    byKind.set(part.kind, t);
    t.parts += 1;
    if (!part.reading) continue;
    const { p, neighbour } = claimAndNeighbour(part.reading, part.truth);
    if (p > 0 && p >= VERIFY.neighbourRatio * neighbour) t.above += 1;
  }
  for (const [kind, t] of byKind) console.log(`${kind.padEnd(9)} ${String(t.above).padStart(4)} of ${t.parts} (${((100 * t.above) / Math.max(1, t.parts)).toFixed(1)}%)`);
}

function print(title: string, result: ReturnType<typeof score>): void {
  console.log(`\n${title}`);
  console.log('part      parts  decided-right  confident-wrong  contradiction-caught  undecided');
  for (const [kind, t] of Object.entries(result.byKind)) {
    const pct = t.parts > 0 ? ((100 * t.right) / t.parts).toFixed(1) : '-';
    console.log(`${kind.padEnd(9)} ${String(t.parts).padStart(5)}  ${`${t.right} (${pct}%)`.padStart(13)}  ${String(t.wrong).padStart(15)}  ${String(t.caught).padStart(20)}  ${String(t.undecided).padStart(9)}`);
  }
  for (const w of result.wrongCases) console.log(`  WRONG ${w}`);
}

/**
 * Why a part is not decided with its true value claimed, by where the evidence is lost:
 * `no-reading` (the blank's labels not found, or no digit read in it), `marks-guard` (the ink shows
 * more separate marks than the truth has digits, so its spelling is ruled out), `doubled-guard`
 * (clear of its neighbours but not five times its doubled-digit neighbour), `right-but-weak` (the
 * truth is the first candidate but under the floor or not twice its neighbours: views that read
 * nothing weigh it down), `some-view-right` (a view reads the truth, the pooled views another value),
 * `misread` (no view reads it: the recognizer's reading of the ink is wrong).
 */
function whyUndecided(part: Part): string | null {
  const claims: ClaimedValue[] = [{ kind: part.kind, value: part.truth, source: 'explanation', text: part.truth }];
  const verdict = verifyPart(part.reading, claims, part.kind);
  if (verdict.outcome === 'supported' && verdict.value === part.truth) return null;
  const r = part.reading;
  if (!r || r.candidates.length === 0) return 'no-reading';
  const { p, neighbour, doubled } = claimAndNeighbour(r, part.truth);
  const views = (r.frames ?? []).map((f) => bestPath(f).digits);
  const same = (d: string) => d === part.truth || (part.kind !== 'numeral' && d !== '' && Number(d) === Number(part.truth));
  const maxMarks = part.kind === 'numeral' ? part.truth.length : 2;
  if ((r.marks ?? 0) > maxMarks) return 'marks-guard';
  if (p >= VERIFY.neighbourRatio * neighbour && p < VERIFY.doubledRatio * doubled) return 'doubled-guard';
  if (r.candidates[0]?.value === part.truth) return 'right-but-weak';
  return views.some(same) ? 'some-view-right' : 'misread';
}

/** One line per part the true claim leaves undecided (why, p, views' readings), then the count by why. */
function cases(parts: Part[]): string {
  const lines: string[] = [];
  const count = new Map<string, number>();
  for (const part of parts) {
    const why = whyUndecided(part);
    if (!why) continue;
    count.set(why, (count.get(why) ?? 0) + 1);
    const r = part.reading;
    const p = r ? claimAndNeighbour(r, part.truth) : null;
    lines.push(`${part.file} ${part.kind} truth ${part.truth}: ${why}${p ? ` p ${p.p.toFixed(3)} neighbour ${p.neighbour.toFixed(3)}` : ''}${r ? ` first ${r.candidates[0]?.value}@${r.candidates[0]?.probability.toFixed(2)} marks ${r.marks ?? 0} views [${(r.frames ?? []).map((f) => bestPath(f).digits).join(',')}]` : ''}`);
  }
  return `${lines.join('\n')}\n\n${[...count.entries()].sort((a, b) => b[1] - a[1]).map(([why, n]) => `${why} ${n}`).join('\n')}\n`;
}

/** Parts as JSON, the frames in the form a reading stores them. */
function dumped(parts: Part[]): string {
  return JSON.stringify(parts.map((p) => ({ ...p, reading: p.reading ? { ...p.reading, frames: p.reading.frames?.map(encodeFrames) } : null })));
}

async function renderer(file: string) {
  const image = await pageOneImage(file);
  const doc = await openPdf(file);
  const page = await doc.getPage(1);
  const size = pageSize(page);
  const render = async (region: Region, dpi: number): Promise<GreyImage> => (image ? await renderImageRegion(image, region, dpi, 0) : await renderRegion(page, region, dpi, 0)).image;
  return { size, render, close: () => doc.destroy() };
}

async function main(): Promise<void> {
  const engine = new OcrEngine();
  const recognizer = new DigitRecognizer();
  const loadStart = process.cpuUsage();
  await recognizer.frames({ width: 48, height: 48, data: new Uint8Array(48 * 48).fill(255), scale: 1 });
  const load = process.cpuUsage(loadStart);
  console.log(`model load: ${((load.user + load.system) / 1000).toFixed(0)} CPU-ms (once per reader process)`);

  // Generated corpus.
  await mkdir(dir, { recursive: true });
  const truthFile = path.join(dir, 'truth.json');
  type Saved = { name: string; numeral: string; day: string; month: string; handwritten: { numeral: boolean; day: boolean; month: boolean }; lines: { number: HandLine['region']; date: HandLine['region'] } };
  let items: Saved[];
  if (existsSync(truthFile)) items = JSON.parse(await readFile(truthFile, 'utf8')) as Saved[];
  else {
    const { handwrittenItem } = await import('./lib/handwriting-corpus.js');
    items = [];
    for (let i = 0; i < count; i += 1) {
      const item = await handwrittenItem(seed * 1000 + i, i);
      await writeFile(path.join(dir, item.name), item.bytes);
      const [, m, d] = (item.truth.date ?? '--').split('-');
      items.push({ name: item.name, numeral: item.truth.numeral ?? '', day: String(Number(d)), month: String(Number(m)), handwritten: item.handwritten, lines: item.lines });
    }
    await writeFile(truthFile, JSON.stringify(items, null, 1));
  }
  const generated: Part[] = [];
  const cpu: number[] = [];
  for (const item of items) {
    const file = path.join(dir, item.name);
    const r = await renderer(file);
    const kinds = (['numeral', 'day', 'month'] as const).filter((k) => item.handwritten[k]);
    const lines: HandLine[] = [];
    if (kinds.includes('numeral')) lines.push({ region: item.lines.number, kinds: ['numeral'] });
    const dateKinds = kinds.filter((k) => k !== 'numeral');
    if (dateKinds.length > 0) lines.push({ region: item.lines.date, kinds: dateKinds });
    const started = process.cpuUsage();
    const read = await readHandLines(lines, { page: r.size, render: r.render, recognizer });
    const used = process.cpuUsage(started);
    cpu.push((used.user + used.system) / 1000);
    for (const kind of kinds) generated.push({ file: item.name, kind, truth: kind === 'numeral' ? item.numeral : kind === 'day' ? item.day : item.month, reading: read[kind] ?? null });
    await r.close();
  }
  if (value('dump')) await writeFile(value('dump') as string, dumped(generated));
  if (value('cases')) await writeFile(value('cases') as string, cases(generated));
  if (argv.includes('--verbose')) for (const p of generated) console.log(`  ${p.file} ${p.kind} ${p.truth}: ${p.reading ? `${p.reading.candidates.map((c) => `${c.value}@${c.probability.toFixed(2)}`).join(' ')} weakest ${p.reading.weakestDigit.toFixed(2)}` : 'no reading'}`);
  console.log(`\nGenerated handwritten scans: ${items.length} files, ${generated.length} handwritten parts (${dir})`);
  print('ink alone (no claim)', score(generated, 'ink-alone'));
  print('with the true value claimed', score(generated, 'true-claim'));
  print('with claims, a tenth of them wrong (one digit changed)', score(generated, 'wrong-claim'));
  print('every claim wrong (one digit changed): how often a wrong claim is taken', score(generated, 'wrong-claim', 1));
  stressEveryWrong('every value one digit off the truth claimed, one at a time', generated);
  ceiling(generated);
  cpu.sort((a, b) => a - b);
  const mean = cpu.reduce((s, c) => s + c, 0) / Math.max(1, cpu.length);
  console.log(`\nCPU of the handwriting pass per scan: mean ${mean.toFixed(0)} ms, median ${cpu[Math.floor(cpu.length / 2)]?.toFixed(0)} ms, max ${cpu[cpu.length - 1]?.toFixed(0)} ms`);

  if (!argv.includes('--no-real') && existsSync(path.join(REAL, 'truth.json'))) {
    const truth = JSON.parse(await readFile(path.join(REAL, 'truth.json'), 'utf8')) as { file: string; number: string; date: string; handwrittenNumber: boolean; handwrittenDay: boolean }[];
    const real: Part[] = [];
    for (const t of truth) {
      if (!t.handwrittenNumber && !t.handwrittenDay) continue;
      const r = await renderer(path.join(REAL, t.file));
      // The crop is the header; the pipeline takes the lines from the reader's parts instead.
      const top = await r.render({ left: 0, top: 0, width: 1, height: Math.min(1, HEADER_OCR_ZONE * (842 / r.size.height)) }, 220);
      // Lines with a `Số:` or `ngày` label, as OCR of the crop finds them, in points.
      const lines: HandLine[] = [];
      for (const line of (await engine.recognise(top, 'block')).lines) {
        const kinds = [...new Set(findBlanks(line).map((b) => b.kind))];
        if (kinds.length === 0) continue;
        const k = top.scale;
        lines.push({ kinds, region: { x0: Math.min(...line.map((w) => w.x0)) / k, x1: Math.max(...line.map((w) => w.x1)) / k, y0: Math.min(...line.map((w) => w.y0)) / k, y1: Math.max(...line.map((w) => w.y1)) / k } });
      }
      const found = await readHandLines(lines, { page: r.size, render: r.render, recognizer });
      const d = t.date.split('-')[2];
      if (t.handwrittenNumber) real.push({ file: t.file, kind: 'numeral', truth: t.number.split('/')[0] ?? '', reading: found.numeral ?? null });
      if (t.handwrittenDay) real.push({ file: t.file, kind: 'day', truth: String(Number(d)), reading: found.day ?? null });
      await r.close();
    }
    if (value('dump')) await writeFile(`${value('dump')}.real.json`, dumped(real));
    if (value('cases')) await writeFile(`${value('cases')}.real.txt`, cases(real));
    console.log(`\nreal-headers: ${real.length} handwritten parts`);
    print('ink alone (no claim)', score(real, 'ink-alone'));
    print('true value claimed for every part', score(real, 'true-claim'));
    print('claims, a third of them wrong', score(real, 'wrong-claim', 0.34));
    print('every claim wrong (one digit changed)', score(real, 'wrong-claim', 1));
    stressEveryWrong('every value one digit off the truth claimed, one at a time', real);
    ceiling(real);
  }
  await engine.close();
  await recognizer.close();
  if (!argv.includes('--no-pipeline')) await pipelineCost(items.map((i) => path.join(dir, i.name)));
}

type RealTruth = { file: string; number: string; date: string; handwrittenNumber: boolean; handwrittenDay: boolean };

/** real-headers as the pipeline reads them: the candidates the reader attached to its own parts, checked against claims. */
function scoreReaderParts(readings: Extraction[], truth: RealTruth[]): void {
  const parts: Part[] = [];
  for (const t of truth) {
    const e = readings.find((r) => path.basename(r.file) === t.file);
    const reading = (kind: 'numeral' | 'day'): HandReading | null => {
      const hand = e?.parts?.[kind].handwriting;
      return hand ? handReadingOf(kind, hand) : null;
    };
    if (t.handwrittenNumber) parts.push({ file: t.file, kind: 'numeral', truth: t.number.split('/')[0] ?? '', reading: reading('numeral') });
    if (t.handwrittenDay) parts.push({ file: t.file, kind: 'day', truth: String(Number(t.date.split('-')[2])), reading: reading('day') });
  }
  console.log('\n  real-headers through the reader (its own parts and lines, not an OCR pass over the crop):');
  print('true value claimed for every part', score(parts, 'true-claim'));
  print('every claim wrong (one digit changed)', score(parts, 'wrong-claim', 1));
  stressEveryWrong('every value one digit off the truth claimed, one at a time', parts);
}

/**
 * The reader as the pipeline runs it (reader processes, model loaded once per process): CPU per
 * file and the handwriting phase, on the generated scans, on real-headers, and on files with no
 * handwritten part (the sample batch's text-layer PDFs), where the pass must cost nothing.
 */
async function pipelineCost(generatedFiles: string[]): Promise<void> {
  const { createEvidenceReader } = await import('../pipeline/evidence/reader.js');
  const { readdir } = await import('node:fs/promises');
  const sets: [string, string[]][] = [['generated handwritten scans', generatedFiles.slice(0, 30)]];
  if (existsSync(REAL)) sets.push(['real-headers', (await readdir(REAL)).filter((f) => f.endsWith('.pdf')).map((f) => path.join(REAL, f))]);
  const sample = path.resolve('fixtures/sample-batch/units');
  if (existsSync(sample)) {
    const files: string[] = [];
    const walk = async (d: string): Promise<void> => {
      for (const e of await readdir(d, { withFileTypes: true })) {
        if (e.isDirectory()) await walk(path.join(d, e.name));
        else if (e.name.endsWith('.pdf') && files.length < 40) files.push(path.join(d, e.name));
      }
    };
    await walk(sample);
    sets.push(['sample-batch PDFs (first 40)', files]);
  }
  console.log('\nPipeline reader (1 process): CPU per file, handwriting phase');
  for (const [name, files] of sets) {
    const cpu: number[] = [];
    const hand: number[] = [];
    const onEvent = (event: { type: string; cpuMs?: number; phases?: Record<string, number> }) => {
      if (event.type !== 'done' || event.cpuMs === undefined) return;
      cpu.push(event.cpuMs);
      hand.push(event.phases?.['handwriting-cpu'] ?? 0);
    };
    const tracked = createEvidenceReader({ concurrency: 1, onEvent });
    const readings: Extraction[] = [];
    for (const f of files) readings.push(await tracked.read(f));
    await tracked.close();
    if (name === 'real-headers') scoreReaderParts(readings, JSON.parse(await readFile(path.join(REAL, 'truth.json'), 'utf8')) as RealTruth[]);
    const withPass = hand.filter((h) => h > 0);
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
    console.log(`  ${name}: ${files.length} files, mean CPU ${mean(cpu).toFixed(0)} ms/file; handwriting pass on ${withPass.length} files, mean ${mean(withPass).toFixed(0)} CPU-ms, max ${Math.max(0, ...withPass).toFixed(0)} CPU-ms (the first includes loading the model)`);
  }
}

// pdf.js cancels its whole-file stream once it switches to range reads, and leaves that rejection unhandled.
process.on('unhandledRejection', (reason) => {
  if ((reason as { name?: string } | null)?.name !== 'AbortException') throw reason;
});
await main();
