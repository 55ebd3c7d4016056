// A stat index in front of SHA-256: a quiet night re-reads no unchanged file just to learn that it is
// unchanged. For every file the run hashes (evidence, reports, input workbooks, its own outputs) the
// index keeps the file's stat (size, mtime, ctime, inode, device) beside its SHA-256; a file whose
// stat is the same as when it was hashed keeps that SHA-256 without being read.
//
// Racily clean entries (git, Documentation/technical/racy-git.txt): a file can be changed in the same
// clock tick in which it was hashed without any stat field changing, and the index cannot tell. So,
// as git does, an entry whose mtime is not strictly older than the index's own write time (the same
// second or later; the index file's mtime, taken from the same file-system clock) is not trusted: it
// is hashed again on the next run, and trusted once a later index has been written after it.
import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { sha256File, writeFileAtomic } from './files.js';

const FORMAT = 'cchc-stat-index';
const VERSION = 1;
const NS_PER_SECOND = 1_000_000_000n;

/** A file's stat as the index keeps it. Times in nanoseconds since the epoch; bigints as decimal strings. */
export interface FileStat {
  /** Bytes. */
  size: number;
  mtimeNs: string;
  ctimeNs: string;
  ino: string;
  dev: string;
}

/** One file of the index: its stat when it was hashed, and the SHA-256 (lowercase hex) of its bytes then. */
export interface StatEntry extends FileStat {
  sha256: string;
}

/** The index file: `{ format: "cchc-stat-index", version: 1, entries: { <absolute path>: StatEntry } }`. */
interface IndexFile {
  format: typeof FORMAT;
  version: typeof VERSION;
  entries: Record<string, StatEntry>;
}

/** The stat fields the index compares, from a `stat(file, { bigint: true })`. */
export function fileStat(stats: BigIntStats): FileStat {
  return { size: Number(stats.size), mtimeNs: String(stats.mtimeNs), ctimeNs: String(stats.ctimeNs), ino: String(stats.ino), dev: String(stats.dev) };
}

/**
 * Whether `entry`'s SHA-256 still holds for a file whose stat is now `now`: every stat field is the
 * same, and the entry is not racily clean, i.e. its mtime lies in a second strictly before the second
 * the index was written in (`indexWrittenNs`, the index file's mtime in ns). Without a written index
 * (null) nothing is trusted.
 */
export function isFresh(entry: StatEntry, now: FileStat, indexWrittenNs: bigint | null): boolean {
  if (indexWrittenNs === null) return false;
  return sameStat(entry, now) && !racilyClean(entry, indexWrittenNs);
}

/**
 * Whether a file recorded with `entry`'s stat could have changed again without its stat showing it:
 * its mtime lies in the second a record of it was written (`writtenNs`, ns) or later (git's rule).
 */
export function racilyClean(entry: Pick<FileStat, 'mtimeNs'>, writtenNs: bigint): boolean {
  return BigInt(entry.mtimeNs) / NS_PER_SECOND >= writtenNs / NS_PER_SECOND;
}

/** Where a batch's index lives in the cache folder: one file per batch folder, so batches can share a cache. */
export function statIndexPath(cacheDir: string, batchDir: string): string {
  const key = createHash('sha256').update(path.resolve(batchDir)).digest('hex').slice(0, 16);
  return path.join(cacheDir, 'stat-index', `${key}.json`);
}

/** What the index saved the hashing of one run. */
export interface StatIndexCounts {
  /** Files whose SHA-256 came from the index (not read). */
  reused: number;
  /** Files read and hashed (new, changed, racily clean, or not in the index). */
  hashed: number;
}

const HEX64 = /^[0-9a-f]{64}$/u;
const DIGITS = /^\d+$/u;

function validEntry(value: unknown): value is StatEntry {
  const e = value as StatEntry;
  return typeof e === 'object' && e !== null && Number.isSafeInteger(e.size) && e.size >= 0 && typeof e.sha256 === 'string' && HEX64.test(e.sha256)
    && [e.mtimeNs, e.ctimeNs, e.ino, e.dev].every((v) => typeof v === 'string' && DIGITS.test(v));
}

/**
 * The index of one run: loaded from the previous run's file, consulted and filled while the run
 * hashes, saved at the end with only the files this run saw (a deleted or moved file drops out).
 * Keys are absolute paths. Never throws on a bad index file: it is ignored (`problem` says why, in
 * Vietnamese, for the run log) and everything is hashed.
 */
export class StatIndex {
  readonly #previous: Map<string, StatEntry>;
  readonly #next = new Map<string, StatEntry>();
  /** Paths whose SHA-256 came from the index, and paths read and hashed, in this run (each path once). */
  readonly #reused = new Set<string>();
  readonly #hashed = new Set<string>();

  private constructor(
    /** The index file; null keeps nothing between runs. */
    readonly file: string | null,
    previous: Map<string, StatEntry>,
    /** The previous index file's mtime (ns): the racy-clean limit. */
    readonly writtenNs: bigint | null,
    /** Why the previous index was ignored (corrupt, unreadable), in Vietnamese; null when it was used or absent. */
    readonly problem: string | null,
  ) {
    this.#previous = previous;
  }

  /** An index that keeps nothing between runs (no cache folder): every file is hashed once per run. */
  static none(): StatIndex {
    return new StatIndex(null, new Map(), null, null);
  }

  /** Load `file` (absent: an empty index). A corrupt or unreadable file is ignored with `problem` set. */
  static async load(file: string): Promise<StatIndex> {
    let text: string;
    let written: BigIntStats;
    try {
      written = await stat(file, { bigint: true });
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new StatIndex(file, new Map(), null, null);
      return new StatIndex(file, new Map(), null, `Không đọc được chỉ mục trạng thái tệp ${file} (${(error as Error).message}): mọi tệp được băm SHA-256 lại.`);
    }
    const corrupt = (why: string) => new StatIndex(file, new Map(), null, `Chỉ mục trạng thái tệp ${file} bị hỏng (${why}), bỏ qua: mọi tệp được băm SHA-256 lại.`);
    let data: IndexFile;
    try {
      data = JSON.parse(text) as IndexFile;
    } catch {
      return corrupt('không phải JSON hợp lệ');
    }
    if (data?.format !== FORMAT || data.version !== VERSION || typeof data.entries !== 'object' || data.entries === null) return corrupt('sai định dạng');
    const entries = new Map<string, StatEntry>();
    for (const [key, entry] of Object.entries(data.entries)) {
      if (!path.isAbsolute(key) || !validEntry(entry)) return corrupt(`mục ${key} không hợp lệ`);
      entries.set(key, entry);
    }
    return new StatIndex(file, entries, written.mtimeNs, null);
  }

  /**
   * The SHA-256 of `file` known for its current stat, or null when it must be read and hashed.
   * A hit is carried into the saved index. Entries recorded in this run hold for identical stats.
   */
  lookup(file: string, stats: BigIntStats): string | null {
    const now = fileStat(stats);
    const mine = this.#next.get(file);
    if (mine) return sameStat(mine, now) ? mine.sha256 : null;
    const entry = this.#previous.get(file);
    if (!entry || !isFresh(entry, now, this.writtenNs)) return null;
    this.#next.set(file, entry);
    this.#reused.add(file);
    return entry.sha256;
  }

  /** Record that `file`, with the stat taken before it was read, hashed to `sha256`. */
  record(file: string, stats: BigIntStats, sha256: string): void {
    this.#next.set(file, { ...fileStat(stats), sha256 });
    // A file known by its stat but read anyway (its reading was not kept) counts as hashed.
    this.#reused.delete(file);
    this.#hashed.add(file);
  }

  /** SHA-256 of `file`: from the index when its stat is unchanged, otherwise read and hashed. Rejects as `stat`/read do. */
  async sha256(file: string): Promise<string> {
    const stats = await stat(file, { bigint: true });
    const known = this.lookup(file, stats);
    if (known !== null) return known;
    const sha256 = await sha256File(file);
    this.record(file, stats, sha256);
    return sha256;
  }

  /** How many files this run took from the index and how many it hashed. */
  get counts(): StatIndexCounts {
    return { reused: this.#reused.size, hashed: this.#hashed.size };
  }

  /**
   * Write the files seen in this run, atomically (the write time becomes the next run's racy limit).
   * When the run saw exactly what the file already holds, and none of it is racily clean, the file
   * is left as it is.
   */
  async save(): Promise<void> {
    if (!this.file || this.#unchanged()) return;
    const entries = Object.fromEntries([...this.#next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const data: IndexFile = { format: FORMAT, version: VERSION, entries };
    await writeFileAtomic(this.file, `${JSON.stringify(data)}\n`);
  }

  /** The index file already says what this run would write: same paths, same stats and hashes, all trusted. */
  #unchanged(): boolean {
    if (this.writtenNs === null || this.#next.size !== this.#previous.size) return false;
    for (const [file, entry] of this.#next) {
      const before = this.#previous.get(file);
      if (!before || before.sha256 !== entry.sha256 || !isFresh(before, entry, this.writtenNs)) return false;
    }
    return true;
  }
}

/** Whether two stats of a file are the same in every field the index compares. */
export function sameStat(a: FileStat, b: FileStat): boolean {
  return a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.ino === b.ino && a.dev === b.dev;
}
