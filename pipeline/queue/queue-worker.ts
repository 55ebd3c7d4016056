// `cchc worker`: takes evidence files from the BullMQ queue, checks each file's content against the
// SHA-256 the run saw, reads it in the same reader processes a local run uses (ReaderPool, same
// per-file time limit, memory ceiling and recycling) and puts the reading in the shared results.
// Retries and stalled jobs (a worker killed mid-file) are BullMQ's: see JOB_OPTIONS, lock below.
import os from 'node:os';
import { type Job, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import { readerPoolOptions } from '../evidence/reader.js';
import { READER_VERSION } from '../evidence/reader.js';
import { ReaderPool } from '../evidence/reader-pool.js';
import { sha256File } from '../util/files.js';
import { describeFsError } from '../util/fs-errors.js';
import { DEFAULT_LOCK_MS, MAX_STALLED } from './lock.js';
import {
  connectRedis, type EvidenceJob, type EvidenceJobResult, queueName, redactUrl, SharedReadings, workerName,
} from './evidence-queue.js';

export interface QueueWorkerOptions {
  /** redis:// or rediss:// URL. */
  url: string;
  /** Files read at once, each in its own reader process; default: the number of cores. */
  concurrency?: number;
  /** The job lock, in milliseconds (renewed every half of it); default DEFAULT_LOCK_MS. */
  lockMs?: number;
  /** Seconds the readings it stores are kept in the shared results; default SHARED_RESULT_TTL_S. */
  keepS?: number;
  /** One line per event, for people (Vietnamese). */
  log: (line: string) => void;
}

export interface QueueWorker {
  readonly name: string;
  /** Resolves when Redis is reached and the worker takes jobs. */
  ready: Promise<void>;
  /**
   * Stop taking jobs. `finish`: the files being read are finished first; `release`: they are put
   * back in the queue at once for another worker (their reader processes are ended).
   */
  stop(how: 'finish' | 'release'): Promise<void>;
  /** Files being read now. */
  active(): number;
}

/** Start a worker; it takes jobs until `stop()`. */
export function startQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const concurrency = Math.max(1, options.concurrency ?? os.availableParallelism());
  const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
  const name = workerName();
  const host = os.hostname();
  const log = options.log;
  const redis = connectRedis(options.url, (message) => log(`Lỗi kết nối Redis (${redactUrl(options.url)}): ${message}; đang thử kết nối lại.`));
  const shared = new SharedReadings(redis, options.keepS);
  // The pool's own limit is a default: every job carries the run's per-file limit.
  const pool = new ReaderPool(readerPoolOptions(concurrency));
  let active = 0;
  let releasing = false;
  const releasers = new Set<() => void>();

  const processor = async (job: Job<EvidenceJob, EvidenceJobResult>, token?: string): Promise<EvidenceJobResult> => {
    const data = job.data;
    if (data.readerVersion !== READER_VERSION) {
      throw new UnrecoverableError(`máy đọc ${host} có phiên bản trình đọc ${READER_VERSION}, tệp cần phiên bản ${data.readerVersion}`);
    }
    // The same content read meanwhile for another batch: nothing to do.
    if (await shared.has(data.sha256)) return { read: false };
    let actual: string;
    try {
      actual = await sha256File(data.file);
    } catch (error) {
      // Another worker (another machine, its own mount) may reach it: BullMQ retries.
      throw new Error(`máy đọc ${host} không mở được tệp ${data.file} (${describeFsError(error)}): thư mục dùng chung phải có cùng đường dẫn trên mọi máy đọc`);
    }
    if (actual !== data.sha256) {
      throw new UnrecoverableError(
        `nội dung tệp đã thay đổi sau khi đưa vào hàng đợi (SHA-256 lúc đưa vào ${data.sha256.slice(0, 12)}…, lúc đọc ${actual.slice(0, 12)}…): máy đọc không đọc tệp này; lần chạy sau sẽ đọc nội dung mới`,
      );
    }
    active += 1;
    let release = () => {};
    const released = new Promise<'released'>((resolve) => {
      release = () => resolve('released');
      releasers.add(release);
    });
    try {
      const started = performance.now();
      const outcome = await Promise.race([pool.read(data.file, {}, data.citationPages, true, data.timeoutMs), released]);
      if (outcome === 'released') {
        // Back to the queue as it was, for another worker; BullMQ must not complete or fail it.
        await job.moveToWait(token);
        throw new WaitingError();
      }
      if (outcome.kind === 'done') {
        await shared.put(data.sha256, outcome.reading, outcome.crop);
        log(`${clock()} đã đọc ${data.file} (${outcome.reading.status === 'ok' ? 'đọc được' : 'không đọc được'}, ${seconds(performance.now() - started)} giây)`);
        return { read: true, cpuMs: outcome.cpuMs };
      }
      log(`${clock()} không đọc được ${data.file}: ${outcome.detail}`);
      // A time-out is final, as in a local run; a crash or a memory kill may be this machine's: retried.
      if (outcome.kind === 'timeout') throw new UnrecoverableError(outcome.detail);
      throw new Error(outcome.detail);
    } finally {
      releasers.delete(release);
      active -= 1;
    }
  };

  const worker = new Worker<EvidenceJob, EvidenceJobResult>(queueName(), processor, {
    connection: redis,
    concurrency,
    name,
    lockDuration: lockMs,
    stalledInterval: Math.max(1_000, Math.round(lockMs / 2)),
    maxStalledCount: MAX_STALLED,
    autorun: false,
  });
  worker.on('error', (error) => log(`Lỗi hàng đợi: ${error.message}`));
  worker.on('failed', (job, error) => {
    if (job && error.name !== 'WaitingError') log(`${clock()} ${job.data.file}: ${error.message}`);
  });
  const ready = (async () => {
    await worker.waitUntilReady();
    void worker.run().catch((error: Error) => log(`Lỗi hàng đợi: ${error.message}`));
  })();
  ready.catch(() => {});

  return {
    name,
    ready,
    active: () => active,
    async stop(how) {
      if (how === 'release' && !releasing) {
        releasing = true;
        for (const release of releasers) release();
      }
      // Either way the worker waits for its processors: released ones return at once.
      await worker.close();
      await pool.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function clock(): string {
  return new Date().toLocaleTimeString('vi-VN', { hour12: false });
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1).replace('.', ',');
}
