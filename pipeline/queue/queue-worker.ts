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
import { DEFAULT_LOCK_MS, DEFAULT_REDIS_TIMEOUT_MS, MAX_STALLED } from './lock.js';
import { mapPath, type PathMapping } from './path-map.js';
import {
  connectRedis, type EvidenceJob, type EvidenceJobResult, ownReason, queueName, redactUrl, redisDetail, SharedReadings, workerName,
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
  /** The run's folders as this worker mounts them (`--path-map`); none: the same paths. */
  pathMap?: readonly PathMapping[];
  /**
   * Milliseconds Redis may stay unreachable (at the start, or after the connection is lost) before
   * the worker gives up; default DEFAULT_REDIS_TIMEOUT_MS. Reconnection attempts go on until then
   * (every 0.5 s, backing off to every 5 s).
   */
  redisTimeoutMs?: number;
  /**
   * Called once when Redis has been unreachable for `redisTimeoutMs`, with a Vietnamese message
   * naming the URL (password hidden) and the last connection error. The worker takes no more jobs;
   * the caller stops it (`stop('release')`) and exits (the CLI: exit code 9).
   */
  onUnreachable?: (message: string) => void;
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
  const where = redactUrl(options.url);
  const timeoutMs = options.redisTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
  let lastError = '';
  const redis = connectRedis(options.url, (message) => {
    lastError = message;
    log(`Lỗi kết nối Redis (${where}): ${message}; đang thử kết nối lại (tối đa ${wholeSeconds(timeoutMs)} giây).`);
  }, log);
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
    // The run's path, as this worker mounts it (--path-map); the content is checked all the same.
    const file = mapPath(data.file, options.pathMap ?? []);
    const shown = file === data.file ? data.file : `${data.file} (tại máy đọc: ${file})`;
    let actual: string;
    try {
      actual = await sha256File(file);
    } catch (error) {
      // Another worker (another machine, its own mount) may reach it: BullMQ retries.
      throw new Error(`máy đọc ${host} không mở được tệp ${shown} (${describeFsError(error)}): thư mục dùng chung phải có cùng đường dẫn trên mọi máy đọc, hoặc khai báo --path-map cho máy đọc`);
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
      const outcome = await Promise.race([pool.read(file, {}, data.citationPages, true, data.timeoutMs), released]);
      if (outcome === 'released') {
        // Back to the queue as it was, for another worker; BullMQ must not complete or fail it.
        await job.moveToWait(token);
        throw new WaitingError();
      }
      if (outcome.kind === 'done') {
        await shared.put(data.sha256, outcome.reading, outcome.crop);
        log(`${clock()} đã đọc ${data.file} (${outcome.reading.status === 'ok' ? 'đọc được' : 'không đọc được'}, ${seconds(performance.now() - started)} giây${file === data.file ? '' : `, tại máy đọc: ${file}`})`);
        return { read: true, cpuMs: outcome.cpuMs, ocrRegions: outcome.ocrRegions };
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
  // BullMQ reports every failed reconnection of its own connections: each distinct error once.
  let lastQueueError = '';
  worker.on('error', (error) => {
    const message = redisDetail(error.message);
    if (message === lastQueueError || message === lastError) return;
    lastQueueError = message;
    log(`Lỗi hàng đợi: ${message}`);
  });
  worker.on('failed', (job, error) => {
    // The processor's own reasons are Vietnamese; BullMQ's (a lost lock, a stalled job) are translated.
    if (job && error.name !== 'WaitingError') log(`${clock()} ${job.data.file}: ${ownReason(error.message) ? error.message : redisDetail(error.message)}`);
  });
  const ready = (async () => {
    await worker.waitUntilReady();
    void worker.run().catch((error: Error) => log(`Lỗi hàng đợi: ${redisDetail(error.message)}`));
  })();
  ready.catch(() => {});

  // Reconnection is bounded in time: Redis unreachable (never reached, or lost) for timeoutMs ends
  // the worker, which the caller reports (exit 9) and a supervisor (systemd) restarts later.
  let downSince: number | null = Date.now();
  redis.on('ready', () => {
    downSince = null;
    lastQueueError = '';
  });
  for (const event of ['close', 'end', 'reconnecting'] as const) {
    redis.on(event, () => {
      downSince ??= Date.now();
    });
  }
  let gaveUp = false;
  const watchdog = setInterval(() => {
    if (gaveUp || downSince === null || Date.now() - downSince < timeoutMs) return;
    gaveUp = true;
    clearInterval(watchdog);
    const why = lastError ? ` (${lastError})` : '';
    options.onUnreachable?.(`Không kết nối được Redis tại ${where} trong ${wholeSeconds(timeoutMs)} giây${why}: máy đọc dừng. Kiểm tra Redis có chạy không, địa chỉ, mật khẩu và tường lửa.`);
  }, Math.min(1_000, Math.max(100, Math.round(timeoutMs / 10))));

  return {
    name,
    ready,
    active: () => active,
    async stop(how) {
      clearInterval(watchdog);
      if (how === 'release' && !releasing) {
        releasing = true;
        for (const release of releasers) release();
      }
      if (redis.status !== 'ready') {
        // Nothing can be handed back or completed without Redis: end the readers and the connections.
        // The jobs being read come back to the queue through BullMQ's stalled-job check.
        await Promise.race([worker.close(true).catch(() => {}), delay(2_000)]);
        await pool.close();
        redis.disconnect();
        return;
      }
      // Either way the worker waits for its processors: released ones return at once.
      await worker.close();
      await pool.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function clock(): string {
  return new Date().toLocaleTimeString('vi-VN', { hour12: false });
}

function wholeSeconds(ms: number): string {
  return String(Math.max(1, Math.round(ms / 1000)));
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1).replace('.', ',');
}
