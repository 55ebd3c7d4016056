// `cchc run --redis`: the files the local cache does not hold are looked up in the shared results,
// and the rest become BullMQ jobs for `cchc worker`s; the run waits for them (QueueEvents via
// job.waitUntilFinished) and takes each reading from the shared results. When no worker is on the
// queue for `waitMs` while files are outstanding (none started, the last one killed), the run reads
// the remaining files in its own reader processes: a RemoteReader that answers null.
import { Queue, QueueEvents } from 'bullmq';
import type { RemoteOutcome, RemoteReader, RemoteRequest } from '../evidence/remote-reader.js';
import { READER_VERSION } from '../evidence/reader.js';
import { connectRedis, type EvidenceJob, type EvidenceJobResult, failureOf, JOB_OPTIONS, jobIdOf, queueName, redactUrl, SharedReadings } from './evidence-queue.js';

export interface QueueReaderOptions {
  url: string;
  /**
   * How long the run waits with files outstanding and no worker on the queue before it reads them
   * itself, in milliseconds; default 30 000.
   */
  waitMs?: number;
  /** Lines for people (Vietnamese): the log's `info`. */
  info: (line: string) => void;
  /** Lines for the log file only. */
  detail?: (line: string) => void;
}

/** How the files asked of the queue were answered (for the run's log). */
export interface QueueReaderStats {
  /** Found in the shared results without a job (read before, for any batch). */
  shared: number;
  /** Read by a worker for this run. */
  read: number;
  /** Failed on the queue (refused, timed out, killed workers): unreadable in this run. */
  failed: number;
  /** Left to this machine's own reader processes. */
  local: number;
}

export interface QueueReader extends RemoteReader {
  stats(): QueueReaderStats;
  close(): Promise<void>;
}

/**
 * Connect to Redis and the queue. Null when Redis cannot be reached (the run then reads every
 * file itself, and says so through `info`).
 */
export async function connectQueueReader(options: QueueReaderOptions): Promise<QueueReader | null> {
  const where = redactUrl(options.url);
  const detail = options.detail ?? (() => {});
  const redis = connectRedis(options.url, (message) => detail(`Redis (${where}): ${message}`));
  try {
    await withTimeout(redis.connect(), 10_000);
    await withTimeout(redis.ping(), 10_000);
  } catch (error) {
    redis.disconnect();
    options.info(`Không kết nối được Redis tại ${where} (${(error as Error).message}): đọc mọi tài liệu tại máy này.`);
    return null;
  }
  const queue = new Queue<EvidenceJob, EvidenceJobResult>(queueName(), { connection: redis });
  // QueueEvents blocks on its connection (XREAD): it gets its own.
  const eventsRedis = redis.duplicate();
  eventsRedis.on('error', () => {});
  const events = new QueueEvents(queueName(), { connection: eventsRedis });
  events.on('error', () => {});
  queue.on('error', () => {});
  // job.waitUntilFinished listens on the queue ('closing') and the events once per waiting file.
  queue.setMaxListeners(0);
  events.setMaxListeners(0);
  await events.waitUntilReady();
  const shared = new SharedReadings(redis);
  const waitMs = options.waitMs ?? 30_000;
  const startedAt = Date.now();
  const stats: QueueReaderStats = { shared: 0, read: 0, failed: 0, local: 0 };
  let closed = false;

  // Fallback: with files outstanding, a worker must be seen on the queue at least every waitMs.
  let outstanding = 0;
  let fallenBack = false;
  let lastWorkerSeen = Date.now();
  let giveUp = () => {};
  const gaveUp = new Promise<null>((resolve) => {
    giveUp = () => resolve(null);
  });
  const watch = setInterval(() => {
    if (outstanding === 0 || fallenBack) {
      lastWorkerSeen = Date.now();
      return;
    }
    void withTimeout(queue.getWorkersCount(), 5_000)
      .catch(() => 0)
      .then((workers) => {
        if (workers > 0) lastWorkerSeen = Date.now();
        else if (Date.now() - lastWorkerSeen >= waitMs && !fallenBack && outstanding > 0) {
          fallenBack = true;
          options.info(`Không có máy đọc nào (cchc worker, trình đọc ${READER_VERSION}) trên hàng đợi ${where} trong ${Math.round(waitMs / 1000)} giây: đọc ${outstanding} tài liệu còn lại tại máy này.`);
          giveUp();
        }
      });
  }, Math.min(2_000, Math.max(200, Math.round(waitMs / 4))));
  watch.unref();

  const local = (): null => {
    stats.local += 1;
    return null;
  };

  const read = async (request: RemoteRequest): Promise<RemoteOutcome | null> => {
    if (fallenBack || closed) return local();
    outstanding += 1;
    try {
      // A reading whose crop is gone (or never was: read for a run without audit pages) is read again.
      const usable = (found: Awaited<ReturnType<SharedReadings['get']>>) => found && (!request.crop || found.crop || found.reading.status !== 'ok') ? found : null;
      const stored = usable(await shared.get(request.sha256));
      if (stored) {
        stats.shared += 1;
        return { kind: 'done', ...stored };
      }
      const jobId = jobIdOf(request.sha256);
      const data: EvidenceJob = {
        file: request.file, sha256: request.sha256, readerVersion: READER_VERSION, size: request.size, timeoutMs: request.timeoutMs,
        ...(request.citationPages === undefined ? {} : { citationPages: request.citationPages }),
      };
      // Larger files first, as in the local queue (BullMQ: a lower number is served first).
      const priority = Math.max(1, 40 - Math.floor(Math.log2(request.size + 1)));
      // An id already in the queue is not added again: the file waits once for every run asking.
      let job = await queue.add('tlkc', data, { ...JOB_OPTIONS, jobId, priority });
      const existing = await queue.getJob(jobId);
      // A failure left from an earlier run is not this run's answer: that job is tried afresh,
      // as a local run tries again a file that timed out the night before.
      if (existing && (await existing.isFailed()) && (existing.finishedOn ?? 0) < startedAt) {
        await existing.remove().catch(() => {});
        job = await queue.add('tlkc', data, { ...JOB_OPTIONS, jobId, priority });
      }
      const finished = job.waitUntilFinished(events).then(
        () => ({ ok: true as const }),
        (error: Error) => ({ ok: false as const, reason: error.message }),
      );
      const answer = await Promise.race([finished, gaveUp]);
      if (answer === null) return local();
      const after = usable(await shared.get(request.sha256));
      if (after) {
        stats.read += 1;
        return { kind: 'done', ...after };
      }
      if (!answer.ok) {
        const failed = await queue.getJob(jobId);
        if (failed && (await failed.isFailed())) {
          const { detail: why, failure } = failureOf(failed.failedReason || answer.reason);
          // Refused or not found at another batch's path (the job of the same content another run
          // queued): nothing is known of this run's own copy; it is read here.
          if (!failure && failed.data.file !== request.file) return local();
          stats.failed += 1;
          detail(`Hàng đợi: ${request.file}: ${why}`);
          return { kind: 'failed', detail: why, ...(failure ? { failure } : {}) };
        }
      }
      // Finished, but no reading to show for it (removed, expired): read it here.
      return local();
    } catch (error) {
      detail(`Hàng đợi: ${request.file}: ${(error as Error).message}; đọc tại máy này.`);
      return local();
    } finally {
      outstanding -= 1;
    }
  };

  return {
    read,
    stats: () => ({ ...stats }),
    async close() {
      closed = true;
      clearInterval(watch);
      giveUp();
      await events.close().catch(() => {});
      await queue.close().catch(() => {});
      await eventsRedis.quit().catch(() => eventsRedis.disconnect());
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`quá ${Math.round(ms / 1000)} giây không có trả lời`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error as Error);
      },
    );
  });
}
