// A pool of reader processes (one file each at a time), with a time limit per file that kills a
// stuck process, a memory ceiling watched from outside, and recycling after a number of files,
// so one hostile PDF costs one file's result and the batch goes on.
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { Phases } from './phase-timer.js';
import type { PdfReading } from './reading.js';
import type { ReaderReply, ReaderRequest } from './reader-process.js';
import { formatSeconds } from '../util/text.js';

/**
 * A reader process's heap sized for what it does: pdf.js and the page renderings make much
 * short-lived garbage over a small live heap (some 25 MB). With V8's defaults the young generation
 * starts at 1 MB and the old one is marked again and again while it is small: on the generated
 * corpus garbage collection took some 15 % of a reader process's main-thread CPU. A larger young
 * generation from the start (16–64 MB semi-spaces) and a first old-generation limit of 256 MB cut
 * the reader's CPU on that corpus by about 7 % (`npm run bench`), for some 60 MB more resident
 * memory per process at peak (still far under `memoryLimitMb`).
 */
const READER_HEAP_FLAGS = ['--max-semi-space-size=64', '--min-semi-space-size=16', '--initial-heap-size=256'];

export interface PoolOptions {
  /** Path of the compiled reader-process.js. */
  script: string;
  size: number;
  /** Per-file time limit. */
  timeoutMs: number;
  /** Files a process reads before it is replaced (bounds memory growth in pdf.js and Tesseract). */
  recycleAfter: number;
  /** A process above this resident memory is killed mid-file (that file is unreadable) or replaced after it. */
  memoryLimitMb: number;
  /** V8 heap ceiling of each process. */
  heapLimitMb: number;
}

export type JobOutcome =
  | { kind: 'done'; reading: PdfReading; ocrRegions: number; cpuMs: number; phases?: Phases; crop?: Uint8Array }
  | { kind: 'timeout' | 'crash' | 'memory'; detail: string; ocrRegions: number };

export interface JobHooks {
  onStart?: (pid: number) => void;
  onOcr?: (regions: number) => void;
}

interface Slot {
  child: ChildProcess | null;
  ready: Promise<number> | null;
  busy: boolean;
  jobs: number;
}

let nextId = 1;

export class ReaderPool {
  readonly #slots: Slot[];
  #closed = false;

  constructor(private readonly options: PoolOptions) {
    this.#slots = Array.from({ length: Math.max(1, options.size) }, () => ({ child: null, ready: null, busy: false, jobs: 0 }));
  }

  /**
   * Read one file in a free process; the caller bounds concurrency to the pool size. `timeoutMs`
   * overrides the pool's per-file limit for this file (a queue worker applies the run's limit).
   */
  async read(file: string, hooks: JobHooks = {}, citationPages?: number, crop = false, timeoutMs = this.options.timeoutMs): Promise<JobOutcome> {
    const slot = this.#slots.find((s) => !s.busy);
    if (!slot) throw new Error('reader pool: no free process (concurrency above pool size)');
    slot.busy = true;
    try {
      const pid = await this.#start(slot);
      hooks.onStart?.(pid);
      return await this.#run(slot, file, hooks, citationPages, crop, timeoutMs);
    } finally {
      slot.busy = false;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#slots.map((slot) => this.#retire(slot)));
  }

  #start(slot: Slot): Promise<number> {
    if (this.#closed) return Promise.reject(new Error('reader pool closed'));
    if (slot.child && slot.ready) return slot.ready;
    if (!existsSync(this.options.script)) {
      return Promise.reject(new Error(`không tìm thấy ${this.options.script}: cần biên dịch trước (npm run build)`));
    }
    const child = fork(this.options.script, [], {
      // One process per core already keeps every core busy: V8's background threads (concurrent
      // compilation and GC) only compete with the other processes for it. Without them a batch
      // takes some 7 % less time and CPU on two cores.
      execArgv: [`--max-old-space-size=${this.options.heapLimitMb}`, '--single-threaded', ...READER_HEAP_FLAGS],
      // @napi-rs/canvas indexes every system font when it loads (0.1 CPU-s a process on a desktop's
      // 170 fonts); a reader process never draws text with them: pdf.js runs with `disableFontFace`,
      // so it paints glyphs as paths from the PDF's font programs or its standard font data.
      env: { ...process.env, DISABLE_SYSTEM_FONTS_LOAD: '1' },
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    // A failed write to a process that has just died is reported as an 'error' event; with no
    // listener Node would throw it out of the whole program. The 'exit' event that follows already
    // settles the file (crash), so the error itself needs nothing more.
    child.on('error', () => {});
    slot.child = child;
    slot.jobs = 0;
    slot.ready = new Promise<number>((resolve, reject) => {
      const onMessage = (reply: ReaderReply) => {
        if (reply.type !== 'ready') return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(reply.pid);
      };
      const onExit = () => reject(new Error('tiến trình đọc PDF không khởi động được'));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
    child.once('exit', () => {
      if (slot.child === child) {
        slot.child = null;
        slot.ready = null;
      }
    });
    slot.ready.catch(() => {});
    return slot.ready;
  }

  #run(slot: Slot, file: string, hooks: JobHooks, citationPages: number | undefined, crop: boolean, timeoutMs: number): Promise<JobOutcome> {
    const child = slot.child;
    if (!child) return Promise.resolve({ kind: 'crash', detail: 'tiến trình đọc PDF đã dừng', ocrRegions: 0 });
    const id = nextId++;
    let regions = 0;
    return new Promise<JobOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: JobOutcome, kill: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(watch);
        child.off('message', onMessage);
        child.off('exit', onExit);
        idle(child, true);
        if (kill) this.#kill(slot, child);
        resolve(outcome);
      };
      const onMessage = (reply: ReaderReply) => {
        if (reply.type === 'ocr' && reply.id === id) {
          regions = reply.regions;
          hooks.onOcr?.(regions);
        } else if (reply.type === 'done' && reply.id === id) {
          slot.jobs += 1;
          const worn = slot.jobs >= this.options.recycleAfter || reply.rss > this.options.memoryLimitMb * 0.7 * 1024 * 1024;
          finish({ kind: 'done', reading: reply.reading, ocrRegions: reply.ocrRegions, cpuMs: reply.cpuMs, ...(reply.phases ? { phases: reply.phases } : {}), ...(reply.crop ? { crop: reply.crop } : {}) }, false);
          if (worn) void this.#retire(slot);
        }
      };
      const onExit = (code: number | null, signal: string | null) =>
        finish({ kind: 'crash', detail: `tiến trình đọc PDF dừng đột ngột (${signal ?? `mã ${code}`})`, ocrRegions: regions }, false);
      const timer = setTimeout(
        () => finish({ kind: 'timeout', detail: `quá thời gian đọc cho phép (${formatSeconds(timeoutMs)})`, ocrRegions: regions }, true),
        timeoutMs,
      );
      const watch = setInterval(() => {
        const rss = residentMb(child.pid);
        if (rss !== null && rss > this.options.memoryLimitMb) {
          finish({ kind: 'memory', detail: `vượt giới hạn bộ nhớ (${Math.round(rss)} MB)`, ocrRegions: regions }, true);
        }
      }, 200);
      child.on('message', onMessage);
      child.once('exit', onExit);
      const request: ReaderRequest = { type: 'read', id, file, ...(citationPages === undefined ? {} : { citationPages }), ...(crop ? { crop } : {}) };
      idle(child, false);
      // A process that died before it got the file: make sure it is gone; its 'exit' settles the file.
      const crashed = (error: Error | null) => {
        if (error) child.kill('SIGKILL');
      };
      try {
        child.send(request, crashed);
      } catch (error) {
        crashed(error as Error);
      }
    });
  }

  #kill(slot: Slot, child: ChildProcess): void {
    if (slot.child === child) {
      slot.child = null;
      slot.ready = null;
    }
    child.kill('SIGKILL');
  }

  /** Ask a process to finish (terminating Tesseract cleanly); kill it if it does not. */
  async #retire(slot: Slot): Promise<void> {
    const child = slot.child;
    if (!child) return;
    slot.child = null;
    slot.ready = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 3000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      try {
        child.send({ type: 'close' } satisfies ReaderRequest);
      } catch {
        child.kill('SIGKILL');
      }
    });
  }
}

/**
 * An idle reader process must not keep the program alive (a caller that forgets `close()` still
 * exits); a busy one must, until its file is read.
 */
function idle(child: ChildProcess, yes: boolean): void {
  const channel = child.channel as { ref(): void; unref(): void } | null | undefined;
  if (yes) {
    child.unref();
    channel?.unref();
  } else {
    child.ref();
    channel?.ref();
  }
}

/** Resident memory of a process in MB (Linux /proc); null where unavailable. */
function residentMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/u.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}
