// The evidence reader: what a PDF's own number, date, type and signature are.
// The main thread only hashes, sniffs and looks up the cache; pdf.js and OCR run in a pool of
// reader processes (pipeline/evidence/reader-process.ts, from dist/), fed by a queue, so
// `read()` can be called for a whole unit at once and parallelism and memory stay bounded.
import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type PQueue from 'p-queue';
import type { Extraction, ExtractionSource } from '../model.js';
import { sha256File } from '../util/files.js';
import { describeFsError } from '../util/fs-errors.js';
import { packageRoot } from '../util/package-root.js';
import type { StatIndex } from '../util/stat-index.js';
import { CropCache } from '../audit/crop-cache.js';
import { ExtractionCache } from './extraction-cache.js';
import type { Phases } from './phase-timer.js';
import { type PdfReading, unreadable } from './reading.js';
import { type PoolOptions, ReaderPool } from './reader-pool.js';
import type { RemoteReader } from './remote-reader.js';
import { contentEnd, HEAD_BYTES, sniffFile, TAIL_BYTES } from './sniff-file.js';

/** Bump when a change to reading gives different results, so cached readings are not reused. */
export const READER_VERSION = 'reader-4.23+hand-10';

/** What the reader reports as files go through it (progress bars, logs). */
export type ReaderEvent =
  | { type: 'start'; file: string; pid: number }
  | { type: 'ocr'; file: string; regions: number }
  | {
      type: 'done';
      file: string;
      sha256: string;
      status: Extraction['status'];
      source: ExtractionSource | null;
      /** Taken from the cache: no reading was done. */
      cached: boolean;
      /** The audit's header crop was rendered for this file (it was not in the cache). */
      cropped?: boolean;
      /** Regions of page 1 recognised by OCR (header row, header, wider area). */
      ocrRegions: number;
      /** Pages that needed OCR (0 or 1: only page 1 is ever read). */
      ocrPages: number;
      /** Wall time from `read()` to the result, queue wait included. */
      ms: number;
      /** Wall time the main process spent learning the file's SHA-256 (stat index, or reading and hashing it). */
      hashMs: number;
      /** CPU time the reader process spent on this file (pdf.js and OCR), when it was read. */
      cpuMs?: number;
      /** Milliseconds per phase of reading (open, text, render, ocr…), when it was read. */
      phases?: Phases;
      /** The file hit the time limit, crashed its reader process, exceeded the memory limit, or failed on the queue. */
      failure?: ReadFailure;
      error?: string;
    };

export interface EvidenceReaderOptions {
  /** Folder for cached results, keyed by file SHA-256 and reader version. */
  cacheDir?: string;
  /** Files read at once, each in its own process; default: the number of cores. */
  concurrency?: number;
  /** Time limit per file, in milliseconds; default 120 000. */
  timeoutMs?: number;
  /** Files a reader process reads before it is replaced; default 1000 (see `readerPoolOptions`). */
  recycleAfter?: number;
  /** Resident memory ceiling per reader process, in MB; default 1024. */
  memoryLimitMb?: number;
  /** Pages whose text layer is searched for cited documents; default 5. */
  citationPages?: number;
  /**
   * Also render each file's header crop for the audit, kept in `<cacheDir>/crops` by SHA-256: a
   * file whose reading is cached but whose crop is not is read again once, with its crop.
   */
  crops?: boolean;
  /** Readers on other machines (`cchc run --redis`), asked before this machine's own processes. */
  remote?: RemoteReader;
  /**
   * The run's stat index (util/stat-index.ts): a file whose stat is unchanged since it was hashed
   * keeps its SHA-256, and with its reading cached it is not opened at all.
   */
  hashes?: StatIndex;
  onEvent?: (event: ReaderEvent) => void;
}

/**
 * Files whose stat, cached reading and SHA-256 are looked up at once. Enough to keep the disk and
 * the cache busy; few enough that a batch of 10,000 files never holds 10,000 descriptors (a server's
 * usual limit is 1,024) or their bytes.
 */
const PREPARING = 16;

/** Default per-file time limit, in milliseconds. */
export const DEFAULT_FILE_TIMEOUT_MS = 120_000;

/** The reader processes' pool as every reader runs it (a run, `cchc extract`, `cchc worker`). */
export function readerPoolOptions(size: number, timeoutMs = DEFAULT_FILE_TIMEOUT_MS, limits: { recycleAfter?: number; memoryLimitMb?: number } = {}): PoolOptions {
  return {
    script: path.join(packageRoot(), 'dist', 'pipeline', 'evidence', 'reader-process.js'),
    size,
    timeoutMs,
    // Each new reader process pays some 2 CPU-s again (its libraries, Tesseract's worker and the
    // compiled code of its first reads, the handwriting model): every 200 files that was 45 new
    // processes, some 90 CPU-s, for 9,000 files on 2 cores. Resident memory still replaces a process
    // sooner (reader-pool.ts: above 70 % of the ceiling after a file).
    recycleAfter: limits.recycleAfter ?? 1000,
    memoryLimitMb: limits.memoryLimitMb ?? 1024,
    heapLimitMb: 512,
  };
}

/**
 * Why a file's reading failed in a way the next run tries again (nothing of it is cached): the time
 * limit, a crash or the memory ceiling of a reader process, here or on a worker; or `queue`: a worker
 * could not read it for another reason (a path map pointing elsewhere, content changed since it was
 * queued).
 */
export type ReadFailure = 'timeout' | 'crash' | 'memory' | 'queue';

interface ReadOutcome {
  reading: PdfReading;
  ocrRegions: number;
  cropped?: boolean;
  cpuMs?: number;
  phases?: Phases;
  failure?: ReadFailure;
}

export interface EvidenceReader {
  /** Read one PDF (absolute path). Never rejects: a file that cannot be read is `status: 'unreadable'`. */
  read(file: string): Promise<Extraction>;
  close(): Promise<void>;
}

export function createEvidenceReader(options: EvidenceReaderOptions = {}): EvidenceReader {
  const concurrency = Math.max(1, options.concurrency ?? os.availableParallelism());
  const timeoutMs = options.timeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
  const pool = new ReaderPool(readerPoolOptions(concurrency, timeoutMs, options));
  // Queues (and their library) made at first use: the reader processes' queue only when a file has
  // to be read, the lookup queue when the reader is asked for any file (a kept night asks for none).
  const lazyQueue = (size: number) => {
    let made: Promise<PQueue> | undefined;
    return {
      get: () => (made ??= import('p-queue').then(({ default: Queue }) => new Queue({ concurrency: size }))),
      idle: async () => {
        if (made) await (await made).onIdle();
      },
    };
  };
  const readers = lazyQueue(concurrency);
  const lookups = lazyQueue(PREPARING);
  const cache = options.cacheDir ? new ExtractionCache(options.cacheDir, READER_VERSION) : null;
  const crops = options.cacheDir && options.crops ? new CropCache(options.cacheDir, READER_VERSION) : null;
  const emit = (event: ReaderEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A broken progress display must not lose a reading.
    }
  };
  // Identical files read at the same time are read once.
  const inFlight = new Map<string, Promise<ReadOutcome>>();

  const readOnce = async (file: string, sha256: string, size: number): Promise<ReadOutcome> => {
    const remote = await options.remote?.read({ file, sha256, size, timeoutMs, crop: crops !== null, ...(options.citationPages === undefined ? {} : { citationPages: options.citationPages }) });
    if (remote?.kind === 'done') {
      if (cache) await cache.put(sha256, remote.reading).catch(() => {});
      const cropped = crops !== null && remote.crop !== undefined && (await crops.put(sha256, remote.crop).then(() => true, () => false));
      return { reading: remote.reading, ocrRegions: remote.ocrRegions ?? 0, cropped };
    }
    // Not cached: the next run asks again (and must not be kept, run-full.ts), whatever the worker's reason.
    if (remote?.kind === 'failed') return { reading: unreadable(remote.detail), ocrRegions: 0, failure: remote.failure ?? 'queue' };
    // Larger files first (scans take longest): the batch does not end waiting on one slow file
    // while the other processes have nothing left to read.
    const outcome = await (await readers.get()).add(() =>
      pool.read(file, {
        onStart: (pid) => emit({ type: 'start', file, pid }),
        onOcr: (regions) => emit({ type: 'ocr', file, regions }),
      }, options.citationPages, crops !== null), { priority: Math.floor(Math.log2(size + 1)) },
    );
    if (outcome.kind === 'done') {
      if (cache) await cache.put(sha256, outcome.reading).catch(() => {});
      const cropped = crops !== null && outcome.crop !== undefined && (await crops.put(sha256, outcome.crop).then(() => true, () => false));
      return { reading: outcome.reading, ocrRegions: outcome.ocrRegions, cpuMs: outcome.cpuMs, cropped, ...(outcome.phases ? { phases: outcome.phases } : {}) };
    }
    // Time-outs, crashes and memory kills are not cached: the next run tries the file again.
    return { reading: unreadable(outcome.detail), ocrRegions: outcome.ocrRegions, failure: outcome.kind };
  };

  const read = async (file: string): Promise<Extraction> => {
    const started = performance.now();
    let sha256 = '';
    let hashMs = 0;
    const finish = (reading: PdfReading, extra: { cached: boolean; cropped?: boolean | undefined; ocrRegions: number; cpuMs?: number | undefined; phases?: Phases | undefined; failure?: ReadFailure | undefined }): Extraction => {
      const extraction: Extraction = { ...reading, file, sha256, readerVersion: READER_VERSION };
      emit({
        type: 'done', file, sha256, status: extraction.status, source: extraction.source, cached: extra.cached, cropped: extra.cropped === true,
        ocrRegions: extra.ocrRegions, ocrPages: extra.ocrRegions > 0 ? 1 : 0, ms: performance.now() - started, hashMs,
        ...(extra.cpuMs === undefined ? {} : { cpuMs: extra.cpuMs }),
        ...(extra.phases === undefined ? {} : { phases: extra.phases }),
        ...(extra.failure ? { failure: extra.failure } : {}),
        ...(extraction.error ? { error: extraction.error } : {}),
      });
      return extraction;
    };
    try {
      // At most PREPARING files are looked up and hashed at once: a province batch hands the reader
      // thousands of files together, and each would otherwise hold open descriptors and its bytes.
      const prepared = await (await lookups.get()).add(async (): Promise<{ done: Extraction } | { sha256: string; size: number }> => {
        const info = await stat(file, { bigint: true });
        if (!info.isFile()) {
          const what = info.isDirectory() ? 'là thư mục, không phải tệp PDF' : 'không phải là tệp thường (thiết bị, ống dẫn hoặc socket)';
          return { done: finish(unreadable(what), { cached: false, ocrRegions: 0 }) };
        }
        const size = Number(info.size);
        // A file that was read has a crop to show; an unreadable one has none.
        const usable = (reading: PdfReading | null, key: string): reading is PdfReading =>
          reading !== null && (!crops || reading.status !== 'ok' || crops.has(key));
        // Unchanged since it was hashed, and read before: nothing of the file is read again.
        const hashing = performance.now();
        const known = options.hashes?.lookup(file, info) ?? null;
        hashMs = performance.now() - hashing;
        if (known !== null && cache) {
          const cached = await cache.get(known);
          if (usable(cached, known)) {
            sha256 = known;
            return { done: finish(cached, { cached: true, ocrRegions: 0 }) };
          }
        }
        const print = await fingerprint(file, size);
        hashMs = performance.now() - hashing;
        sha256 = print.sha256;
        options.hashes?.record(file, info, sha256);
        const problem = sniffFile(print.head, print.tail, size, path.basename(file));
        if (problem) return { done: finish(unreadable(problem), { cached: false, ocrRegions: 0 }) };
        const cached = cache ? await cache.get(sha256) : null;
        if (usable(cached, sha256)) return { done: finish(cached, { cached: true, ocrRegions: 0 }) };
        return { sha256, size };
      });
      if ('done' in prepared) return prepared.done;
      let pending = inFlight.get(prepared.sha256);
      if (!pending) {
        pending = readOnce(file, prepared.sha256, prepared.size).finally(() => inFlight.delete(prepared.sha256));
        inFlight.set(prepared.sha256, pending);
      }
      const result = await pending;
      return finish(result.reading, { cached: false, cropped: result.cropped, ocrRegions: result.ocrRegions, cpuMs: result.cpuMs, phases: result.phases, failure: result.failure });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'không tìm thấy tệp' : code === 'EACCES' ? 'không có quyền đọc tệp' : `không đọc được tệp (${describeFsError(error)})`;
      return finish(unreadable(reason), { cached: false, ocrRegions: 0 });
    }
  };

  return {
    read,
    close: async () => {
      await readers.idle();
      await pool.close();
    },
  };
}

/** Files up to this size are hashed and sniffed from one read; larger ones are streamed. */
const WHOLE_READ_BYTES = 32 * 1024 * 1024;

/** SHA-256 of the file and its first and last bytes (for sniffing), reading it once when it is small. */
async function fingerprint(file: string, size: number): Promise<{ sha256: string; head: Buffer; tail: Buffer }> {
  if (size <= WHOLE_READ_BYTES) {
    const bytes = await readFile(file);
    // Copies, not views: a view would keep the whole file in memory while the file waits its turn
    // in the reader queue (a province batch queues thousands of files at once).
    return {
      sha256: createHash('sha256').update(bytes).digest('hex'),
      head: Buffer.from(bytes.subarray(0, HEAD_BYTES)),
      tail: Buffer.from(bytes.subarray(Math.max(0, contentEnd(bytes) - TAIL_BYTES), contentEnd(bytes))),
    };
  }
  const [head, tail] = await headAndTail(file, size);
  return { sha256: await sha256File(file), head, tail };
}

async function headAndTail(file: string, size: number): Promise<[Buffer, Buffer]> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    // Step back over trailing padding (NUL, white space) to the file's last real byte.
    let end = size;
    while (end > 0) {
      const from = Math.max(0, end - TAIL_BYTES);
      const chunk = Buffer.alloc(end - from);
      await handle.read(chunk, 0, chunk.length, from);
      const real = contentEnd(chunk);
      end = from + real;
      if (real > 0) break;
    }
    const tail = Buffer.alloc(Math.min(TAIL_BYTES, end));
    await handle.read(tail, 0, tail.length, end - tail.length);
    return [head, tail];
  } finally {
    await handle.close();
  }
}
