// A quiet night in milliseconds: when nothing a run reads has changed since the last run, and that
// run's outputs are what a run today would write again, the run keeps them and says so, without
// loading the readers, the appraisal, the renderers or the audit.
//
// A full run that changed nothing (no result changed since the run before it, no file left to try
// again after a time-out or a crash) writes `<out>/.cchc-kept.json` (the "kept record") at its very
// end. It holds:
//   - `setup`: a digest of what the outputs depend on besides the batch folder: the resolved batch,
//     output and cache folders, the options that change outputs (--no-audit, --file-timeout), the
//     program (the stat of every file of its code, bundled frameworks and templates, package.json,
//     node_modules/.package-lock.json), Node's version and the platform;
//   - `batch`: a digest of the batch folder as walked at the START of that run, before anything in it
//     was read: every entry's name (bytes), kind, size, mode, mtime, ctime, inode and device;
//   - `time`: the rounds' deadlines and which of them had passed at the run's clock;
//   - `outputs`: every file of the output folder (the log, the lock, the cache and this record
//     aside) with its stat and the SHA-256 of its bytes (the audit's crops: the stat only, as a full
//     run only checks that they exist);
//   - `outcome`: what the run's summary said (counts, findings by rule and their names, the rounds,
//     the changes, the log notes that describe the inputs), and the batch as loaded;
//   - `settle` (a first run into the folder only): the changes.json a quiet next night writes. A
//     first run's changes.json says "first run, everything new"; the next full run, finding nothing
//     changed, would write every output again byte for byte but that file, which would say "nothing
//     changed" (the workbook's sheet of changes is empty both times). So the first run records the
//     outcome the next night would show, and that night keeps the outputs, writes that changes.json
//     (atomically) and records it as kept, as any kept night after it. The full run writes `settle`
//     only when nothing else could differ: no file left to try again, no snapshot taken or noted.
// The next run keeps the outputs only when all of that still holds: the same setup, the batch folder
// walked again gives the same digest, the same deadlines have passed, and the output folder holds
// exactly the recorded files with the recorded contents (a file whose stat changed, or whose mtime
// is in or after the second the record was written, is hashed and compared). Any difference, any
// doubt (a leftover of a killed run, a damaged record) is a full run, which deletes the record when
// it starts and writes a new one only if it too changed nothing. A full run's batch walk whose
// newest entry is less than two seconds older than the walk itself is not recorded (git's "racily
// clean" rule: a file changed again within the same clock tick would keep its stat).
import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Batch } from '../model.js';
import type { Round } from '../rounds/calendar.js';
import { sha256File, sha256Hex, writeFileAtomic } from '../util/files.js';
import { packageRoot } from '../util/package-root.js';
import { type FileStat, fileStat, racilyClean, sameStat } from '../util/stat-index.js';
import type { BatchChanges } from './changes.js';
import type { RunSummary } from './run-batch.js';
import { LOCK_FILE } from './lock.js';
import { LOG_FILE } from './run-log.js';
import { STAGING_PREFIX, SWITCH_FILE } from './output-set.js';

/** The kept record, in the output folder. */
export const KEPT_FILE = '.cchc-kept.json';
const FORMAT = 'cchc-kept';
const VERSION = 1;
const NS_PER_MS = 1_000_000n;
/** A batch walk whose newest entry is this close to the walk (ms) is racily clean: not recorded. */
const RACY_MARGIN_MS = 2_000;

/** The batch folder as walked at the start of a run. */
export interface BatchWalk {
  /** SHA-256 over every entry (sorted by name bytes): relative name, kind, size, mode, mtime, ctime, inode, device. */
  digest: string;
  entries: number;
  /** Newest mtime or ctime of any entry, in ns since the epoch. */
  newestNs: bigint;
  /** When the walk began (ms since the epoch, this machine's clock). */
  startedMs: number;
}

/** The summary facts a kept run repeats: RunSummary without its timings and run-specific marks. */
export type KeptSummary = Omit<RunSummary, 'elapsedMs' | 'kept' | 'snapshot' | 'phases'>;

/** What the run that wrote the record showed its user, repeated by a run that keeps its outputs. */
export interface KeptOutcome {
  batch: Batch;
  summary: KeptSummary;
  changes: BatchChanges;
  /** Lines the run logged for people about its inputs (corrections applied, snapshot notes). */
  notes: string[];
}

/** An output's stat, and the SHA-256 of its bytes: absent for the audit's crops (a full run checks only that they exist). */
type OutputEntry = FileStat & { sha256?: string };

interface KeptRecord {
  format: typeof FORMAT;
  version: typeof VERSION;
  setup: string;
  batch: { digest: string; entries: number };
  time: { rounds: Array<{ from: string | null; until: string }>; passed: Array<[boolean | null, boolean]> };
  outputs: Record<string, OutputEntry>;
  outcome: KeptOutcome;
  settle?: KeptSettle;
}

/** An output a quiet next night writes (path relative to the output folder, and its whole text). */
export interface KeptSettle {
  file: string;
  text: string;
}

/** What the outputs depend on besides the batch folder and the clock. */
export interface KeptSetup {
  batchDir: string;
  out: string;
  cacheDir: string;
  audit: boolean;
  fileTimeoutMs: number | null;
}

/**
 * Walk `root` (itself followed when it is a link, as the run follows it) without following the links
 * inside it: every entry's name (bytes), kind and stat, digested in name order. Directories that
 * cannot be read are digested with their error code (the full run reports them). Synchronous:
 * nothing else runs while a run starts, and it is the cheapest on CPU.
 */
export function walkTree(root: string): BatchWalk {
  const startedMs = Date.now();
  const hash = createHash('sha256');
  let entries = 0;
  let newestNs = 0n;
  const note = (rel: Buffer, stats: BigIntStats | null, error?: string) => {
    entries += 1;
    hash.update(rel).update('\0');
    if (!stats) {
      hash.update(`E ${error}\n`);
      return;
    }
    const kind = stats.isDirectory() ? 'd' : stats.isFile() ? 'f' : stats.isSymbolicLink() ? 'l' : 'o';
    hash.update(`${kind} ${stats.size} ${stats.mode} ${stats.mtimeNs} ${stats.ctimeNs} ${stats.ino} ${stats.dev}\n`);
    if (stats.mtimeNs > newestNs) newestNs = stats.mtimeNs;
    if (stats.ctimeNs > newestNs) newestNs = stats.ctimeNs;
  };
  const visit = (abs: Buffer, rel: Buffer) => {
    let stats: BigIntStats;
    try {
      stats = lstatSync(abs, { bigint: true });
    } catch (error) {
      note(rel, null, (error as NodeJS.ErrnoException).code ?? 'ERR');
      return;
    }
    note(rel, stats);
    if (!stats.isDirectory()) return;
    let names: Buffer[];
    try {
      names = readdirSync(abs, { encoding: 'buffer' });
    } catch (error) {
      note(Buffer.concat([rel, Buffer.from('/')]), null, (error as NodeJS.ErrnoException).code ?? 'ERR');
      return;
    }
    names.sort(Buffer.compare);
    const slash = Buffer.from('/');
    for (const name of names) visit(Buffer.concat([abs, slash, name]), Buffer.concat([rel, slash, name]));
  };
  let real = root;
  try {
    real = realpathSync(root);
  } catch {
    // Absent or unreadable: digested as such below.
  }
  hash.update(`${real}\n`);
  visit(Buffer.from(real), Buffer.from('.'));
  return { digest: hash.digest('hex'), entries, newestNs, startedMs };
}

let programDigest: string | undefined;

/**
 * The program as installed: its code (the folder this module was loaded from and its siblings), the
 * bundled frameworks and templates, package.json and npm's record of node_modules. A rebuild, an
 * upgrade or `npm ci` changes it (conservatively: any rewrite, even of identical bytes).
 */
function program(): string {
  if (programDigest) return programDigest;
  const root = packageRoot();
  const code = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const hash = createHash('sha256').update(`${process.version} ${process.platform} ${process.arch}\n`);
  for (const dir of [code, path.join(root, 'frameworks'), path.join(root, 'templates')]) hash.update(`${dir} ${walkTree(dir).digest}\n`);
  for (const file of [path.join(root, 'package.json'), path.join(root, 'node_modules', '.package-lock.json')]) {
    const s = lstatSync(file, { bigint: true, throwIfNoEntry: false });
    hash.update(`${file} ${s ? `${s.size} ${s.mtimeNs} ${s.ctimeNs} ${s.ino} ${s.dev}` : '-'}\n`);
  }
  return (programDigest = hash.digest('hex'));
}

/** The digest of the setup (KeptSetup plus the program). */
export function setupDigest(setup: KeptSetup): string {
  return createHash('sha256').update(JSON.stringify({ ...setup, program: program() })).digest('hex');
}

/** Which rounds' openings and deadlines have passed at `now` (all that the calendar's use of the clock depends on). */
function passed(rounds: ReadonlyArray<{ from: string | null; until: string }>, now: Date): Array<[boolean | null, boolean]> {
  const t = now.getTime();
  return rounds.map((r) => [r.from === null ? null : t >= new Date(r.from).getTime(), t >= new Date(r.until).getTime()]);
}

/**
 * The files of the output folder a run writes or reads (the log, the lock, the caches and the record
 * aside), relative, `/`-separated; `leftover`: a killed run's staging folder, switch plan or temp file.
 */
function outputFiles(out: string, cacheDir: string): { files: Map<string, BigIntStats>; leftover: boolean } {
  const files = new Map<string, BigIntStats>();
  let leftover = false;
  const skipTop = new Set([LOG_FILE, KEPT_FILE]);
  // The cache in use, and the default one (a run with --cache elsewhere does not read it).
  const caches = new Set([path.resolve(cacheDir), path.join(path.resolve(out), '.cache')]);
  const visit = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      const relName = rel ? `${rel}/${entry.name}` : entry.name;
      if (!rel && (skipTop.has(entry.name) || entry.name.startsWith(LOCK_FILE))) continue;
      if (caches.has(abs)) continue;
      // A killed run's leftovers: the full run cleans them up (and finishes a switch under way).
      if (entry.name.startsWith(STAGING_PREFIX) || entry.name === SWITCH_FILE || (entry.name.startsWith('.') && entry.name.endsWith('.tmp'))) {
        leftover = true;
        continue;
      }
      if (entry.isDirectory()) visit(abs, relName);
      else files.set(relName, lstatSync(abs, { bigint: true }));
    }
  };
  visit(out, '');
  return { files, leftover };
}

const isCrop = (rel: string) => rel.startsWith('audit/anh/') && rel.endsWith('.png');

/**
 * Write the kept record at the end of a full run that changed nothing, or of a first run with
 * `settle` (see the module comment), or remove the one there. `walk`: the batch folder as walked at
 * the run's start; `now`: the run's clock; `outcome`: what a kept next night shows (null: nothing may
 * be kept). Never throws: failing to keep the record only makes the next run a full one.
 */
export async function recordKept(
  args: {
    out: string; setup: KeptSetup; walk: BatchWalk | null; rounds: readonly Round[] | undefined; now: Date;
    outcome: KeptOutcome | null; settle?: KeptSettle;
  },
): Promise<'written' | 'racy' | 'not-kept'> {
  const file = path.join(args.out, KEPT_FILE);
  try {
    if (!args.walk || !args.outcome) {
      await forgetKept(args.out);
      return 'not-kept';
    }
    if (args.walk.newestNs >= BigInt(args.walk.startedMs - RACY_MARGIN_MS) * NS_PER_MS) {
      await forgetKept(args.out);
      return 'racy';
    }
    const { files, leftover } = outputFiles(args.out, args.setup.cacheDir);
    if (leftover) {
      await forgetKept(args.out);
      return 'not-kept';
    }
    const outputs: Record<string, OutputEntry> = {};
    for (const [rel, s] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const entry: OutputEntry = fileStat(s);
      if (!isCrop(rel)) {
        entry.sha256 = await sha256File(path.join(args.out, rel));
        // Changed while it was hashed: nothing to keep.
        if (!sameStat(entry, fileStat(await stat(path.join(args.out, rel), { bigint: true })))) {
          await forgetKept(args.out);
          return 'not-kept';
        }
      }
      outputs[rel] = entry;
    }
    const rounds = (args.rounds ?? []).map((r) => ({ from: r.from ?? null, until: r.until }));
    const record: KeptRecord = {
      format: FORMAT, version: VERSION, setup: setupDigest(args.setup),
      batch: { digest: args.walk.digest, entries: args.walk.entries },
      time: { rounds, passed: passed(rounds, args.now) },
      outputs, outcome: args.outcome,
      ...(args.settle && outputs[args.settle.file]?.sha256 ? { settle: args.settle } : {}),
    };
    // A settle for a file that is not among the outputs would keep what the next run changes.
    if (args.settle && !record.settle) {
      await forgetKept(args.out);
      return 'not-kept';
    }
    await writeFileAtomic(file, `${JSON.stringify(record)}\n`);
    return 'written';
  } catch {
    await forgetKept(args.out).catch(() => {});
    return 'not-kept';
  }
}

/** Remove the kept record (a full run starts: until it ends well, nothing may be kept). */
export async function forgetKept(out: string): Promise<void> {
  await unlink(path.join(out, KEPT_FILE)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/** Why a run could not keep the previous outputs (for the log), or the outcome to repeat. */
export type KeptCheck = { kept: KeptOutcome; hashed: number; settled?: string } | { kept: null; why: string };

/**
 * Whether the previous outputs can be kept as they are: the record exists and holds for this setup,
 * this batch walk and this clock, and the output folder holds exactly the recorded files. Call it
 * holding the output folder's lock. Outputs whose stat is unchanged but racily clean (mtime in or
 * after the second the record was written) are hashed; when that was needed and all matched, the
 * record is written again so that the next run need not hash them. After a first run (the record's
 * `settle`), writes its changes.json for this quiet night and records it (see the module comment);
 * failing that, the run is a full one.
 */
export async function checkKept(args: { out: string; setup: KeptSetup; walk: BatchWalk; now: Date }): Promise<KeptCheck> {
  const file = path.join(args.out, KEPT_FILE);
  let text: string;
  let writtenNs: bigint;
  try {
    writtenNs = (await stat(file, { bigint: true })).mtimeNs;
    text = readFileSync(file, 'utf8');
  } catch {
    return { kept: null, why: 'chưa có bản ghi của lần chạy trước' };
  }
  let record: KeptRecord;
  try {
    record = JSON.parse(text) as KeptRecord;
  } catch {
    return { kept: null, why: 'bản ghi của lần chạy trước bị hỏng' };
  }
  if (record?.format !== FORMAT || record.version !== VERSION || !record.outcome || !record.outputs || !record.time || !record.batch) {
    return { kept: null, why: 'bản ghi của lần chạy trước không đúng định dạng' };
  }
  if (record.setup !== setupDigest(args.setup)) return { kept: null, why: 'chương trình, tùy chọn hoặc thư mục khác lần chạy trước' };
  if (record.batch.digest !== args.walk.digest || record.batch.entries !== args.walk.entries) return { kept: null, why: 'thư mục đợt có thay đổi' };
  if (JSON.stringify(passed(record.time.rounds, args.now)) !== JSON.stringify(record.time.passed)) return { kept: null, why: 'đã qua một mốc của lịch thẩm định' };
  const { files, leftover } = outputFiles(args.out, args.setup.cacheDir);
  if (leftover) return { kept: null, why: 'thư mục kết quả còn tệp tạm của lần chạy bị dừng' };
  const recorded = Object.keys(record.outputs);
  if (recorded.length !== files.size || recorded.some((rel) => !files.has(rel))) {
    // Named, a few of each: a clerk who deleted results.json by hand sees it in the log.
    const listed = new Set(recorded);
    const removed = recorded.filter((rel) => !files.has(rel));
    const added = [...files.keys()].filter((rel) => !listed.has(rel));
    const some = (rels: string[]) => `${rels.slice(0, 3).join(', ')}${rels.length > 3 ? ` và ${rels.length - 3} tệp khác` : ''}`;
    const parts = [...(removed.length > 0 ? [`bị xóa: ${some(removed)}`] : []), ...(added.length > 0 ? [`thêm vào: ${some(added)}`] : [])];
    return { kept: null, why: `thư mục kết quả có tệp thêm vào hoặc bị xóa (${parts.join('; ')})` };
  }
  let hashed = 0;
  for (const [rel, entry] of Object.entries(record.outputs)) {
    if (!sameStat(entry, fileStat(files.get(rel)!))) return { kept: null, why: `tệp kết quả ${rel} đã thay đổi` };
    // Racily clean: written in the second the record was, or later; a change then keeps its stat.
    if (racilyClean(entry, writtenNs)) {
      if (!entry.sha256) return { kept: null, why: `tệp kết quả ${rel} vừa được ghi` };
      hashed += 1;
      if ((await sha256File(path.join(args.out, rel))) !== entry.sha256) return { kept: null, why: `tệp kết quả ${rel} đã thay đổi` };
    }
  }
  if (record.settle) {
    // The night after a first run: its changes.json becomes this night's, and is kept from now on.
    // Written before the record: a run stopped between the two finds the file changed, and runs in full.
    const { settle, ...rest } = record;
    const target = path.join(args.out, settle.file);
    try {
      await writeFileAtomic(target, settle.text);
      const written = fileStat(await stat(target, { bigint: true }));
      const settled: KeptRecord = { ...rest, outputs: { ...record.outputs, [settle.file]: { ...written, sha256: sha256Hex(settle.text) } } };
      await writeFileAtomic(file, `${JSON.stringify(settled)}\n`);
    } catch (error) {
      return { kept: null, why: `không ghi được ${settle.file} (${(error as Error).message})` };
    }
    return { kept: record.outcome, hashed, settled: settle.file };
  }
  // Written again (same content) so that these are no longer racily clean for the next run.
  if (hashed > 0) await writeFileAtomic(file, text).catch(() => {});
  return { kept: record.outcome, hashed };
}
