// Province-scale benchmark (issue 16): a generated batch of N units × 60 evidence files with the mix a
// province really receives (about half scans, a few with a hidden OCR layer or a number written in
// by pen; a third signed; Word exports and legacy-font files; a few broken files), each unit with its
// report workbook. Four runs, each a fresh `runBatch` process as cron starts it: cold, unchanged,
// 1 % of the files replaced, one unit's report changed. Per phase of the run (run-phases.ts): wall and
// CPU of the run's process, reader-process CPU by kind of reading; per run: wall, CPU and peak resident
// memory of the whole process tree (the run and its reader processes). Prints markdown tables.
//
//   npm run bench:province -- [--units 150 | --files 9000] [--seed 16] [--workers N] [--dir DIR] [--keep]
//                             [--cold-only] [--reuse] [--dist DIR] [--readings FILE]
//
// Accuracy of the cold run against the generator's truth, as `npm run bench` counts it: a number or
// date is DECIDED when the reading states it (a value or a blank) at confidence >= 0.8, the threshold
// the rules act on; a decided one that is wrong is CONFIDENT-WRONG (listed). `--cold-only` stops after
// the cold run; `--reuse` (with `--dir`) reads the batch a `--keep` run left there (its truth in
// truth.json) instead of generating it again; `--dist DIR` runs another build of the pipeline, for
// paired before/after runs: its package root (the nearest package.json named cchc above DIR) must
// hold it as its dist/, the run starting its reader processes from there (e.g. a folder in
// node_modules holding a copy of package.json and dist/, and links to frameworks/ and templates/);
// `--readings FILE` writes the cold run's reading of every file (number, date, their confidences) as
// JSON, to compare two readers file by file.
//
// Generation reuses the evidence benchmark's document makers (scripts/lib/evidence-corpus.ts: the
// sample's Decree 30, scan, pen and signing code). Rendering 9,000 documents, scans above all, would
// take longer than reading them, so a pool of distinct documents is rendered (about one per 30 files
// of each kind) and every file is a distinct variant of one: a signed one signed again (its own
// signing time and certificate; the signature verifies), any other with its own trailing comment
// line. Every file has its own SHA-256, so each is hashed, read and OCR'd as a new file would be.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { reportWorkbookBuffer } from '../pipeline/batch/report-template.js';
import { leafCriteria, loadFramework } from '../pipeline/framework/load-framework.js';
import type { Claim, Framework } from '../pipeline/model.js';
import { peakPhase, type RunPhases } from '../pipeline/run/run-phases.js';
import { normaliseZip } from '../pipeline/util/zip.js';
import { encryptedPdf, notPdf, truncatedPdf, zeroBytePdf } from './lib/bad-pdf.js';
import { corpusItem, type GroundTruth } from './lib/evidence-corpus.js';
import { cmsOf, resignLast, type TestSigner } from './lib/pdf-signing.js';
import { measureChild } from './lib/process-tree.js';
import { createRandom, type Random, seedFrom } from './lib/random.js';
import { testSignerCertificate } from './lib/signed-pdf.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FRAMEWORK = 'hung-yen-2021-so';
const FILES_PER_UNIT = 60;
const YEAR = 2023;

/** The 60 files of a unit by corpus kind (evidence-corpus.ts), before the broken ones. */
const UNIT_MIX: Array<[kind: string, files: number]> = [
  // Scans: 30 (half), three with the scanner's hidden OCR layer, three numbered by pen.
  ['scan-clean', 4], ['scan-noisy', 8], ['scan-stamped', 4], ['scan-upside-down', 2], ['scan-bilevel', 2],
  ['harsh-scan', 3], ['harsh-ocr-layer', 3], ['harsh-pen', 3], ['harsh-stamped', 1],
  // Signed electronic documents: 20 (a third).
  ['signed-freetext', 6], ['signed-stamp', 6], ['signed-image-box', 4], ['harsh-signed-widgets', 4],
  // Word exports, drafts, legacy fonts: 10.
  ['text', 4], ['text-multipage', 1], ['text-suffixed', 1], ['draft-blank', 1], ['legacy-tcvn3', 2], ['legacy-vni', 1],
];
/** Every other unit has one broken file (about 0.8 % of the batch), in turn of these kinds. */
const BROKEN = ['empty', 'truncated', 'encrypted', 'not-pdf'] as const;

interface PoolItem {
  kind: string;
  bytes: Buffer;
  truth: GroundTruth;
}

interface UnitFile {
  /** Relative to the unit folder. */
  rel: string;
  criterion: string;
  kind: string;
  pool: PoolItem | null;
  broken?: (typeof BROKEN)[number];
}

interface Args {
  units: number;
  seed: number;
  workers?: number;
  dir?: string;
  keep: boolean;
  coldOnly: boolean;
  reuse: boolean;
  /** The pipeline build to run (its `pipeline/` folder inside). */
  dist: string;
  readings?: string;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const files = value('--files');
  const units = files ? Math.ceil(Number(files) / FILES_PER_UNIT) : Number(value('--units') ?? 150);
  if (!Number.isInteger(units) || units < 1) throw new Error('--units / --files: a positive number');
  const workers = value('--workers');
  const dir = value('--dir');
  const readings = value('--readings');
  const reuse = argv.includes('--reuse');
  if (reuse && !dir) throw new Error('--reuse: needs --dir');
  return {
    units, seed: Number(value('--seed') ?? 16), keep: argv.includes('--keep') || reuse, coldOnly: argv.includes('--cold-only') || reuse, reuse,
    dist: path.resolve(value('--dist') ?? path.join(ROOT, 'dist')),
    ...(workers ? { workers: Number(workers) } : {}), ...(dir ? { dir } : {}), ...(readings ? { readings: path.resolve(readings) } : {}),
  };
}

const code = (u: number) => `DV${String(u + 1).padStart(3, '0')}`;

/** A line after `%%EOF` that makes the bytes distinct without changing what any reader sees. */
const variant = (bytes: Buffer, tag: string) => Buffer.concat([bytes, Buffer.from(`%cchc-bench ${tag}\n`, 'latin1')]);

/** Render the pool: distinct documents of each kind, about one per 30 files of that kind. */
async function renderPool(args: Args, log: (line: string) => void): Promise<Map<string, PoolItem[]>> {
  const pool = new Map<string, PoolItem[]>();
  let n = 0;
  for (const [kind, perUnit] of UNIT_MIX) {
    const size = Math.max(2, Math.min(30, Math.round((perUnit * args.units) / 30)));
    const items: PoolItem[] = [];
    for (let i = 0; i < size; i++) {
      const item = await corpusItem(kind, args.seed * 100_000 + n, n);
      items.push({ kind, bytes: item.bytes, truth: item.truth });
      n++;
    }
    pool.set(kind, items);
  }
  log(`  pool: ${n} distinct documents rendered`);
  return pool;
}

/** The unit's files: kinds shuffled, spread over the criteria that take evidence. */
function planUnit(u: number, args: Args, pool: Map<string, PoolItem[]>, criteria: string[]): UnitFile[] {
  const random = createRandom(args.seed * 7919 + u);
  const kinds = UNIT_MIX.flatMap(([kind, count]) => Array.from({ length: count }, () => kind));
  if (u % 2 === 1) kinds[kinds.length - 1] = 'broken';
  shuffle(kinds, random);
  return kinds.map((kind, i) => {
    const criterion = criteria[i % criteria.length]!;
    const rel = `evidence/${criterion}/tai-lieu-${String(i + 1).padStart(2, '0')}.pdf`;
    if (kind === 'broken') return { rel, criterion, kind, pool: random.pick(pool.get('text')!), broken: BROKEN[Math.floor(u / 2) % BROKEN.length]! };
    return { rel, criterion, kind, pool: random.pick(pool.get(kind)!) };
  });
}

function shuffle<T>(items: T[], random: Random): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

/** The bytes of one file in its `generation` (0: as uploaded; 1, 2…: replaced overnight). */
async function fileBytes(f: UnitFile, tag: string, signer: TestSigner, generation: number): Promise<Buffer> {
  const base = f.pool!;
  if (f.broken === 'empty') return zeroBytePdf();
  if (f.broken === 'truncated') return variant(truncatedPdf(base.bytes, 0.5), tag);
  if (f.broken === 'encrypted') return variant(await encryptedPdf(), tag);
  if (f.broken === 'not-pdf') return Buffer.concat([notPdf('html'), Buffer.from(`<!-- ${tag} -->\n`)]);
  if (!base.truth.signed) return variant(base.bytes, `${tag} ${generation}`);
  const day = base.truth.date ? new Date(`${base.truth.date}T02:00:00Z`) : new Date(Date.UTC(YEAR, 5, 1, 2));
  const time = new Date(day.getTime() + (generation * 3600 + (seedFrom(tag) % 3000)) * 1000);
  return resignLast(base.bytes, (content) => cmsOf(content, signer, time));
}

async function writeReport(dir: string, u: number, framework: Framework, files: UnitFile[], edition: number): Promise<void> {
  const claims = new Map<string, Partial<Omit<Claim, 'criterion' | 'row'>>>();
  // A later edition lowers one self score to 0: a unit revising its report overnight.
  const revised = edition > 0 ? files[0]?.criterion : undefined;
  for (const { criterion: c } of leafCriteria(framework)) {
    if (c.survey) continue;
    const here = files.filter((f) => f.criterion === c.code);
    const cited = here.find((f) => f.pool?.truth.number && !f.broken)?.pool?.truth;
    const explanation = cited?.number
      ? `Đã thực hiện theo văn bản số ${cited.number}${cited.date ? ` ngày ${cited.date.split('-').reverse().join('/')}` : ''}.`
      : 'Theo số liệu theo dõi của cơ quan chuyên môn.';
    const self = c.code === revised ? 0 : Math.max(0, c.max - (c.max >= 1 && (u + c.code.length) % 5 === 0 ? 0.5 : 0));
    claims.set(c.code, { self, evidenceFiles: here.map((f) => path.basename(f.rel)), explanation });
  }
  const unit = { code: code(u), name: `Đơn vị thử nghiệm số ${u + 1}`, group: 'so' };
  const created = new Date(Date.UTC(YEAR, 10, 25 + edition));
  await writeFile(path.join(dir, 'report.xlsx'), normaliseZip(new Uint8Array(await reportWorkbookBuffer(framework, { unit, year: YEAR, claims, created }))));
}

function batchYaml(units: number): string {
  const data = {
    province: 'Hưng Yên',
    year: YEAR,
    title: `Benchmark: ${units} đơn vị × ${FILES_PER_UNIT} tài liệu (npm run bench:province)`,
    framework: FRAMEWORK,
    dataWindow: { from: '2020-12-01', to: '2024-12-31' },
    groups: [{ code: 'so', name: 'Sở, ban, ngành' }],
    council: {
      name: 'Tổ thẩm định Chỉ số cải cách hành chính tỉnh', parentBody: 'UBND TỈNH HƯNG YÊN', body: 'TỔ THẨM ĐỊNH CHỈ SỐ CCHC',
      minutesSymbol: 'BB-TTĐ', minutesStart: 1, place: 'Hưng Yên', meetingPlace: 'Phòng họp Sở Nội vụ', meetingDate: '2024-12-20',
      members: [{ name: 'Nguyễn Thị Thu Hà', title: 'Phó Giám đốc Sở Nội vụ', role: 'Tổ trưởng' }, { name: 'Vũ Thị Hạnh', title: 'Chuyên viên Sở Nội vụ', role: 'Thư ký' }],
    },
    decision: {
      issuingBody: 'ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN', symbol: 'QĐ-UBND', place: 'Hưng Yên', authority: 'ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN',
      bases: ['Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015'],
      executors: 'Giám đốc Sở Nội vụ; Thủ trưởng các cơ quan, đơn vị', recipients: ['Như Điều 3;', 'Lưu: VT, NC.'],
      signer: { prefixes: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'], title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn Phong' },
    },
    units: Array.from({ length: units }, (_, u) => ({ code: code(u), name: `Đơn vị thử nghiệm số ${u + 1}`, group: 'so' })),
  };
  return stringify(data);
}

interface Generated {
  batch: string;
  plans: UnitFile[][];
  signers: TestSigner[];
  framework: Framework;
  files: number;
}

async function generate(args: Args, batch: string, log: (line: string) => void): Promise<Generated> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const framework = await loadFramework(FRAMEWORK, ROOT);
  const criteria = leafCriteria(framework).map((e) => e.criterion).filter((c) => !c.survey && c.evidence?.required !== false).map((c) => c.code);
  const pool = await renderPool(args, log);
  await mkdir(batch, { recursive: true });
  await writeFile(path.join(batch, 'batch.yaml'), batchYaml(args.units));
  const plans: UnitFile[][] = [];
  const signers: TestSigner[] = [];
  let files = 0;
  for (let u = 0; u < args.units; u++) {
    const dir = path.join(batch, 'units', code(u));
    const plan = planUnit(u, args, pool, criteria);
    const { key, cert } = testSignerCertificate({ agency: `Đơn vị thử nghiệm số ${u + 1}`, parent: 'Tỉnh Hưng Yên', email: `${code(u).toLowerCase()}@hungyen.gov.vn` }, 0x2000 + u, {
      notBefore: new Date(Date.UTC(2019, 0, 1)), notAfter: new Date(Date.UTC(2027, 0, 1)),
    });
    const signer: TestSigner = { key, cert, digest: 'sha256' };
    for (const f of plan) {
      await mkdir(path.join(dir, path.dirname(f.rel)), { recursive: true });
      await writeFile(path.join(dir, f.rel), await fileBytes(f, `${code(u)}/${f.rel}`, signer, 0));
      files++;
    }
    await writeReport(dir, u, framework, plan, 0);
    plans.push(plan);
    signers.push(signer);
  }
  const used = process.cpuUsage(cpu);
  log(`  generated ${files} files of ${args.units} units in ${((performance.now() - started) / 1000).toFixed(1)} s (${((used.user + used.system) / 1e6).toFixed(1)} CPU-s)`);
  return { batch, plans, signers, framework, files };
}

interface RunFigures {
  wallS: number;
  cpuS: number;
  peakMb: number;
  phases: RunPhases;
  evidenceFiles: number;
  unreadable: number;
  documentsKept: number;
  auditWritten: number;
}

/** One run of the batch in a fresh process, as cron starts it (the compiled pipeline). */
async function runOnce(batch: string, out: string, workers: number | undefined, build: string): Promise<RunFigures> {
  const dist = (rel: string) => pathToFileURL(path.join(build, 'pipeline', rel)).href;
  const driver = `
    const { runBatch } = await import(${JSON.stringify(dist('run/run-batch.js'))});
    const { createRunLog } = await import(${JSON.stringify(dist('run/run-log.js'))});
    const out = ${JSON.stringify(out)};
    const { summary } = await runBatch(${JSON.stringify(batch)}, { out, log: createRunLog(out, null)${workers ? `, workers: ${workers}` : ''} });
    process.stdout.write(JSON.stringify({ phases: summary.phases, evidenceFiles: summary.evidenceFiles, unreadable: summary.unreadableFiles }));
  `;
  const measured = await measureChild(['--input-type=module', '-e', driver], 250);
  if (measured.code !== 0) throw new Error(`run exited with ${measured.code}`);
  const reported = JSON.parse(measured.stdout) as { phases: RunPhases; evidenceFiles: number; unreadable: number };
  // This run's lines of the log: how many documents and audit pages were left as they were.
  const log = await readFile(path.join(out, 'cchc.log'), 'utf8');
  const last = log.slice(log.lastIndexOf(' Đợt thẩm định: '));
  const kept = /(\d+) văn bản không đổi so với lần chạy trước/u.exec(last);
  const audit = /Trang kiểm tra tài liệu: (\d+) tệp ghi mới/u.exec(last);
  return {
    wallS: measured.wallS, cpuS: measured.cpuS, peakMb: measured.peakMb, ...reported,
    documentsKept: kept ? Number(kept[1]) : 0, auditWritten: audit ? Number(audit[1]) : 0,
  };
}

/** Overnight, 1 % of the files are replaced by new versions (another signing, another scan). */
async function changeFiles(g: Generated, seed: number): Promise<number> {
  const random = createRandom(seed * 31 + 1);
  const all = g.plans.flatMap((plan, u) => plan.filter((f) => !f.broken).map((f) => ({ u, f })));
  const count = Math.max(1, Math.round(g.files / 100));
  shuffle(all, random);
  for (const { u, f } of all.slice(0, count)) {
    await writeFile(path.join(g.batch, 'units', code(u), f.rel), await fileBytes(f, `${code(u)}/${f.rel}`, g.signers[u]!, 1));
  }
  return count;
}

/** What the generator put in a file: its kind and truth, by path from the batch folder (`units/DV001/evidence/…`). */
type TruthByFile = Record<string, { kind: string; truth: GroundTruth }>;

function truthOf(g: Generated): TruthByFile {
  const out: TruthByFile = {};
  g.plans.forEach((plan, u) => {
    for (const f of plan) if (!f.broken && f.pool) out[`units/${code(u)}/${f.rel}`] = { kind: f.kind, truth: f.pool.truth };
  });
  return out;
}

/** A file's reading as results.json gives it: the parts compared. */
interface FileReading {
  number: string | null;
  date: string | null;
  blankNumber: boolean;
  blankDate: boolean;
  numberConfidence: number;
  dateConfidence: number;
}

/** The rules act on a field at or above this confidence (as `npm run bench` counts). */
const DECIDED = 0.8;

interface Accuracy {
  fields: number;
  decided: number;
  decidedRight: number;
  confidentWrong: string[];
}

/** Every evidence file's reading in the run's results.json, by path from the batch folder. */
async function readingsOf(out: string): Promise<Record<string, FileReading>> {
  const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as { units: Array<{ evidence: Array<FileReading & { file: string }> }> };
  const readings: Record<string, FileReading> = {};
  for (const unit of results.units) {
    for (const e of unit.evidence) {
      readings[e.file.normalize('NFC')] = { number: e.number, date: e.date, blankNumber: e.blankNumber, blankDate: e.blankDate, numberConfidence: e.numberConfidence, dateConfidence: e.dateConfidence };
    }
  }
  return readings;
}

/** Number and date of each file with a truth: stated at >= 0.8 (a value or a blank), right, confidently wrong. */
function accuracy(truth: TruthByFile, readings: Record<string, FileReading>): Accuracy {
  const acc: Accuracy = { fields: 0, decided: 0, decidedRight: 0, confidentWrong: [] };
  for (const [file, { truth: t }] of Object.entries(truth)) {
    const r = readings[file];
    for (const field of ['number', 'date'] as const) {
      acc.fields += 1;
      if (!r) continue;
      const blank = field === 'number' ? r.blankNumber : r.blankDate;
      const value = field === 'number' ? r.number : r.date;
      const confidence = field === 'number' ? r.numberConfidence : r.dateConfidence;
      if ((value === null && !blank) || confidence < DECIDED) continue;
      const expected = field === 'number' ? t.number : t.date;
      const right = blank ? (field === 'number' ? t.blankNumber : t.blankDate) && expected === null : value === expected;
      acc.decided += 1;
      if (right) acc.decidedRight += 1;
      else acc.confidentWrong.push(`${file} ${field}: expected ${expected ?? '(blank)'}, got ${blank ? '(blank)' : value} at ${confidence}`);
    }
  }
  return acc;
}

const s = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(2);

function table(names: string[], runs: RunFigures[], files: number, changed: number): string {
  const lines: string[] = [];
  const head = (cols: string[]) => {
    lines.push(`| ${cols.join(' | ')} |`, `|${cols.map(() => ' --- ').join('|')}|`);
  };
  head(['run', 'wall s', 'CPU s (tree)', 'peak MB (tree)', '% of cold wall', 'files/s', 'documents kept', 'audit files written']);
  const cold = runs[0]!;
  runs.forEach((r, i) => lines.push(`| ${names[i]} | ${r.wallS.toFixed(1)} | ${r.cpuS.toFixed(1)} | ${r.peakMb.toFixed(0)} | ${((r.wallS / cold.wallS) * 100).toFixed(1)} | ${(files / r.wallS).toFixed(1)} | ${r.documentsKept} | ${r.auditWritten} |`));
  lines.push('');
  head(['phase (run process: wall / CPU s)', ...names]);
  const phases = [...new Set(runs.flatMap((r) => Object.keys(r.phases.wallMs)))];
  for (const p of phases) lines.push(`| ${p} | ${runs.map((r) => `${s(r.phases.wallMs[p])} / ${s(r.phases.cpuMs[p])}`).join(' | ')} |`);
  lines.push(`| peak RSS of the run process (MB), reached in | ${runs.map((r) => { const p = peakPhase(r.phases); return p ? `${p.mb} (${p.phase})` : ''; }).join(' | ')} |`);
  for (const p of phases) lines.push(`| peak RSS (MB) at the end of ${p} | ${runs.map((r) => r.phases.peakRssMb?.[p] ?? '').join(' | ')} |`);
  lines.push(`| hashing: from stat index / hashed (files) | ${runs.map((r) => `${r.phases.hashing.reused} / ${r.phases.hashing.hashed}`).join(' | ')} |`);
  lines.push('');
  head(['reading (reader processes: files / CPU s)', ...names]);
  const kinds = ['cached', 'text', 'annotation', 'ocr', 'handwriting', 'unreadable'] as const;
  for (const k of kinds) lines.push(`| ${k} | ${runs.map((r) => `${r.phases.reading[k]?.files ?? 0} / ${s(r.phases.reading[k]?.cpuMs)}`).join(' | ')} |`);
  lines.push('');
  head(['reader steps (s, summed over files)', ...names]);
  const steps = [...new Set(runs.flatMap((r) => Object.keys(r.phases.readerSteps)))].sort((a, b) => (cold.phases.readerSteps[b] ?? 0) - (cold.phases.readerSteps[a] ?? 0));
  for (const step of steps) lines.push(`| ${step} | ${runs.map((r) => s(r.phases.readerSteps[step])).join(' | ')} |`);
  lines.push('');
  // Targets of issue 16, on this machine's cores.
  const readCpu = (r: RunFigures) => kinds.filter((k) => k !== 'cached').reduce((n, k) => n + (r.phases.reading[k]?.cpuMs ?? 0), 0) / 1000;
  const cores = Math.min(os.availableParallelism(), 2);
  const [, unchanged, oneChanged] = runs;
  lines.push(`Targets (issue 16): cold ${(files / cold.wallS).toFixed(1)} files/s (≥ 15); peak ${Math.max(...runs.map((r) => r.peakMb)).toFixed(0)} MB (≤ 2048)`
    + `${unchanged ? `; unchanged ${((unchanged.wallS / cold.wallS) * 100).toFixed(1)} % of cold (≤ 2 %)` : ''}`
    + `${oneChanged ? `; 1 % changed (${changed} files) ${oneChanged.wallS.toFixed(1)} s against 5 % of cold + reading the changed files ${(0.05 * cold.wallS + readCpu(oneChanged) / cores).toFixed(1)} s` : ''}.`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const root = args.dir ? path.resolve(args.dir) : await mkdtemp(path.join(os.tmpdir(), 'cchc-bench-province-'));
  const batch = path.join(root, 'batch');
  const out = path.join(root, 'out');
  const truthFile = path.join(root, 'truth.json');
  log(`bench:province: ${args.units} units × ${FILES_PER_UNIT} files, seed ${args.seed}, in ${root}${args.dist === path.join(ROOT, 'dist') ? '' : `, build ${args.dist}`}`);
  try {
    await rm(out, { recursive: true, force: true });
    let g: Generated | null = null;
    let truth: TruthByFile;
    let files: number;
    const saved = args.reuse ? (JSON.parse(await readFile(truthFile, 'utf8')) as { seed: number; units: number; files: number; truth: TruthByFile }) : null;
    if (saved) {
      if (saved.seed !== args.seed || saved.units !== args.units) throw new Error(`--reuse: ${truthFile} holds seed ${saved.seed}, ${saved.units} units`);
      ({ truth, files } = saved);
      log(`  reused the batch in ${batch} (${files} files)`);
    } else {
      await rm(batch, { recursive: true, force: true });
      g = await generate(args, batch, log);
      truth = truthOf(g);
      files = g.files;
      await writeFile(truthFile, `${JSON.stringify({ seed: args.seed, units: args.units, files, truth })}\n`);
    }
    const names: string[] = [];
    const runs: RunFigures[] = [];
    const run = async (name: string) => {
      log(`  run: ${name}…`);
      runs.push(await runOnce(batch, out, args.workers, args.dist));
      names.push(name);
      const r = runs[runs.length - 1]!;
      log(`    ${r.wallS.toFixed(1)} s wall, ${r.cpuS.toFixed(1)} CPU-s, ${r.peakMb.toFixed(0)} MB`);
    };
    await run('cold');
    const readings = await readingsOf(out);
    const acc = accuracy(truth, readings);
    if (args.readings) await writeFile(args.readings, `${JSON.stringify(readings, null, 1)}\n`);
    let changed = 0;
    if (!args.coldOnly && g) {
      await run('unchanged');
      changed = await changeFiles(g, args.seed);
      await run(`1 % changed (${changed} files)`);
      const u = Math.floor(args.units / 2);
      await writeReport(path.join(batch, 'units', code(u)), u, g.framework, g.plans[u]!, 1);
      await run('one report changed');
    }
    process.stdout.write(`\n### bench:province: ${args.units} units, ${files} files (seed ${args.seed}, ${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(1)} at the end)\n\n`);
    process.stdout.write(`${table(names, runs, files, changed)}\n`);
    process.stdout.write(`\nCold run's readings against the generator's truth: ${acc.fields} fields (number, date) of ${acc.fields / 2} files; decided (confidence >= ${DECIDED}) ${acc.decided}, right ${acc.decidedRight}; confident-wrong ${acc.confidentWrong.length}\n`);
    for (const w of acc.confidentWrong) process.stdout.write(`  confident-wrong ${w}\n`);
  } finally {
    if (!args.keep) await rm(root, { recursive: true, force: true });
  }
}

await main();
