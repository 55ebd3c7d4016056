// `cchc run --redis`: the files the local cache does not hold are looked up in the shared results,
// and the rest become BullMQ jobs for `cchc worker`s; the run waits for them (QueueEvents via
// job.waitUntilFinished) and takes each reading from the shared results. When no worker is on the
// queue for `waitMs` while files are outstanding (none started, the last one killed), the run reads
// the remaining files in its own reader processes: a RemoteReader that answers null.
import { Queue, QueueEvents } from 'bullmq';
import type { RemoteOutcome, RemoteReader, RemoteRequest } from '../evidence/remote-reader.js';
import { READER_VERSION } from '../evidence/reader.js';
import { connectRedis, type EvidenceJob, type EvidenceJobResult, failureOf, JOB_OPTIONS, jobIdOf, queueName, redactUrl, redisDetail, SharedReadings } from './evidence-queue.js';
import type { StalledFiles } from '../run/progress.js';
import { formatSeconds } from '../util/text.js';

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
  /**
   * Told, every few seconds while files are outstanding, which of them a worker took and then
   * stopped answering (it is no longer connected to Redis: killed, crashed), or null when none.
   */
  onStalled?: (files: StalledFiles | null) => void;
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
  /**
   * Why the run stopped asking the queue and read files itself (Redis unreachable at the start,
   * the connection lost, no worker on the queue), in Vietnamese, for the summary's warning; absent
   * when the queue answered throughout.
   */
  fallback?: string;
}

export interface QueueReader extends RemoteReader {
  stats(): QueueReaderStats;
  close(): Promise<void>;
}

/** How long connecting to Redis and the queue may take before the run reads its files itself. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connect to Redis and the queue. Never rejects and never waits for Redis without bound: when Redis
 * cannot be reached within 10 s the reader answers null for every file (the run reads them
 * itself) and its stats carry the reason (`fallback`), which `info` is told too. Likewise when
 * the connection is lost for `waitMs` while files are outstanding, or no worker is on the queue.
 */
export async function connectQueueReader(options: QueueReaderOptions): Promise<QueueReader> {
  const where = redactUrl(options.url);
  const detail = options.detail ?? (() => {});
  let lastError = '';
  const redis = connectRedis(options.url, (message) => {
    lastError = message;
    detail(`Redis (${where}): ${message}`);
  }, options.info);
  const unreachable = (error: unknown): QueueReader => {
    redis.disconnect();
    const why = lastError || redisDetail((error as Error).message);
    const reason = `không kết nối được Redis tại ${where} (${why}): mọi tài liệu cần đọc được đọc tại máy này`;
    options.info(`Không kết nối được Redis tại ${where} (${why}): đọc mọi tài liệu tại máy này.`);
    return localReader(reason);
  };
  try {
    await withTimeout(redis.connect(), CONNECT_TIMEOUT_MS);
    await withTimeout(redis.ping(), CONNECT_TIMEOUT_MS);
  } catch (error) {
    return unreachable(error);
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
  const closeAll = async () => {
    // Bounded: with Redis gone, BullMQ's close would wait for a reconnection.
    await withTimeout(Promise.all([events.close(), queue.close()]), 2_000).catch(() => {});
    for (const connection of [eventsRedis, redis]) {
      if (connection.status === 'ready') await withTimeout(connection.quit(), 2_000).catch(() => connection.disconnect());
      else connection.disconnect();
    }
  };
  try {
    await withTimeout(events.waitUntilReady(), CONNECT_TIMEOUT_MS);
  } catch (error) {
    await closeAll();
    return unreachable(error);
  }
  const shared = new SharedReadings(redis);
  const waitMs = options.waitMs ?? 30_000;
  const startedAt = Date.now();
  const stats: QueueReaderStats = { shared: 0, read: 0, failed: 0, local: 0 };
  let closed = false;

  // Fallback: with files outstanding, a worker must be seen on the queue at least every waitMs,
  // through a live connection.
  let outstanding = 0;
  let fallenBack = false;
  let lastWorkerSeen = Date.now();
  let giveUp = () => {};
  const gaveUp = new Promise<null>((resolve) => {
    giveUp = () => resolve(null);
  });
  const fallBack = (reason: string, line: string) => {
    if (fallenBack) return;
    fallenBack = true;
    stats.fallback = reason;
    options.info(line);
    giveUp();
  };
  // Jobs this run waits for (job id → files asking), to tell those a lost worker holds.
  const awaited = new Map<string, number>();
  let stalledSaid = false;
  const sayStalled = (files: StalledFiles | null) => {
    if (files === null && !stalledSaid) return;
    stalledSaid = files !== null;
    options.onStalled?.(files);
  };
  /**
   * The run's files that are active on the queue under a worker no longer connected (`live`: the
   * names of the workers Redis knows), and how long the soonest of their locks has left.
   */
  const stalledFiles = async (live: ReadonlySet<string>): Promise<StalledFiles | null> => {
    if (!options.onStalled || awaited.size === 0) return null;
    const lost = (await queue.getActive()).filter((j) => j.id !== undefined && awaited.has(j.id) && j.processedBy && !live.has(j.processedBy));
    if (lost.length === 0) return null;
    const left = await Promise.all(lost.map((j) => redis.pttl(`${queue.toKey(j.id!)}:lock`)));
    return { files: lost.reduce((n, j) => n + (awaited.get(j.id!) ?? 0), 0), lockLeftMs: Math.max(0, Math.min(...left)) };
  };
  let checking = false;
  const watch = setInterval(() => {
    if (outstanding === 0 || fallenBack) {
      lastWorkerSeen = Date.now();
      sayStalled(null);
      return;
    }
    if (redis.status !== 'ready') {
      if (Date.now() - lastWorkerSeen >= waitMs) {
        const why = lastError ? ` (${lastError})` : '';
        fallBack(
          `mất kết nối Redis tại ${where}${why}: ${outstanding} tài liệu còn lại được đọc tại máy này`,
          `Mất kết nối Redis tại ${where}${why} quá ${Math.round(waitMs / 1000)} giây: đọc ${outstanding} tài liệu còn lại tại máy này.`,
        );
      }
      return;
    }
    if (checking) return;
    checking = true;
    void withTimeout(queue.getWorkers(), 5_000)
      .catch(() => [])
      .then(async (connected) => {
        if (connected.length > 0) {
          lastWorkerSeen = Date.now();
          // A worker's connections are named `…:w:<worker name>`, the name it records on the jobs it takes.
          const live = new Set(connected.map((c) => (c.rawname ?? '').slice((c.rawname ?? '').lastIndexOf(':w:') + 3)));
          sayStalled(await withTimeout(stalledFiles(live), 5_000).catch(() => null));
        } else if (Date.now() - lastWorkerSeen >= waitMs && outstanding > 0) {
          fallBack(
            `không có máy đọc nào trên hàng đợi trong ${Math.round(waitMs / 1000)} giây: ${outstanding} tài liệu còn lại được đọc tại máy này`,
            `Không có máy đọc nào (cchc worker, trình đọc ${READER_VERSION}) trên hàng đợi ${where} trong ${Math.round(waitMs / 1000)} giây: đọc ${outstanding} tài liệu còn lại tại máy này.`,
          );
        }
      })
      .finally(() => {
        checking = false;
      });
  }, Math.min(2_000, Math.max(200, Math.round(waitMs / 4))));
  watch.unref();

  type Answer = { how: 'shared' | 'read' | 'failed'; outcome: RemoteOutcome } | { how: 'local' };

  // A reading whose crop is gone (or never was: read for a run without audit pages) is read again.
  const usable = (request: RemoteRequest, found: Awaited<ReturnType<SharedReadings['get']>>) =>
    found && (!request.crop || found.crop || found.reading.status !== 'ok') ? found : null;

  /** One file through the queue. Every Redis request may hang while Redis is away: raced with the fallback. */
  const ask = async (request: RemoteRequest): Promise<Answer> => {
    const stored = usable(request, await shared.get(request.sha256));
    if (stored) return { how: 'shared', outcome: { kind: 'done', ...stored } };
    const jobId = jobIdOf(request.sha256);
    const data: EvidenceJob = {
      file: request.file, sha256: request.sha256, readerVersion: READER_VERSION, size: request.size, timeoutMs: request.timeoutMs,
      ...(request.citationPages === undefined ? {} : { citationPages: request.citationPages }),
    };
    // Larger files first, as in the local queue (BullMQ: a lower number is served first).
    const priority = Math.max(1, 40 - Math.floor(Math.log2(request.size + 1)));
    awaited.set(jobId, (awaited.get(jobId) ?? 0) + 1);
    try {
      return await queued(request, data, jobId, priority);
    } finally {
      const left = (awaited.get(jobId) ?? 1) - 1;
      if (left > 0) awaited.set(jobId, left);
      else awaited.delete(jobId);
    }
  };

  /** A file's job on the queue, added (once per id) and waited for; the reading from the shared results. */
  const queued = async (request: RemoteRequest, data: EvidenceJob, jobId: string, priority: number): Promise<Answer> => {
    // An id already in the queue is not added again: the file waits once for every run asking.
    let job = await queue.add('tlkc', data, { ...JOB_OPTIONS, jobId, priority });
    const existing = await queue.getJob(jobId);
    // A failure left from an earlier run is not this run's answer: that job is tried afresh,
    // as a local run tries again a file that timed out the night before.
    if (existing && (await existing.isFailed()) && (existing.finishedOn ?? 0) < startedAt) {
      await existing.remove().catch(() => {});
      job = await queue.add('tlkc', data, { ...JOB_OPTIONS, jobId, priority });
    }
    const answer = await job.waitUntilFinished(events).then(
      (result: EvidenceJobResult | undefined) => ({ ok: true as const, ocrRegions: result?.read ? (result.ocrRegions ?? 0) : 0 }),
      (error: Error) => ({ ok: false as const, reason: error.message }),
    );
    const after = usable(request, await shared.get(request.sha256));
    // The pages the worker OCR'd count in this run's progress, as the run's own would.
    if (after) return { how: 'read', outcome: { kind: 'done', ...after, ...(answer.ok && answer.ocrRegions > 0 ? { ocrRegions: answer.ocrRegions } : {}) } };
    if (!answer.ok) {
      const failed = await queue.getJob(jobId);
      if (failed && (await failed.isFailed())) {
        const { detail: why, failure } = failureOf(failed.failedReason || answer.reason);
        // Refused or not found at another batch's path (the job of the same content another run
        // queued): nothing is known of this run's own copy; it is read here.
        if (!failure && failed.data.file !== request.file) return { how: 'local' };
        detail(`Hàng đợi: ${request.file}: ${why}`);
        return { how: 'failed', outcome: { kind: 'failed', detail: why, ...(failure ? { failure } : {}) } };
      }
    }
    // Finished, but no reading to show for it (removed, expired): read it here.
    return { how: 'local' };
  };

  const read = async (request: RemoteRequest): Promise<RemoteOutcome | null> => {
    if (fallenBack || closed) return local(stats);
    outstanding += 1;
    try {
      const answer = await Promise.race([
        ask(request).catch((error: Error): Answer => {
          detail(`Hàng đợi: ${request.file}: ${redisDetail(error.message)}; đọc tại máy này.`);
          return { how: 'local' };
        }),
        gaveUp,
      ]);
      if (answer === null || answer.how === 'local') return local(stats);
      stats[answer.how] += 1;
      return answer.outcome;
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
      await closeAll();
    },
  };
}

/** Count a file left to the run's own reader processes: the answer null. */
function local(stats: QueueReaderStats): null {
  stats.local += 1;
  return null;
}

/** The reader of a run whose Redis could not be reached: every file is read on the run's machine. */
function localReader(reason: string): QueueReader {
  const stats: QueueReaderStats = { shared: 0, read: 0, failed: 0, local: 0, fallback: reason };
  return {
    read: async () => local(stats),
    stats: () => ({ ...stats }),
    close: async () => {},
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`quá ${formatSeconds(ms)} không có trả lời`)), ms);
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
