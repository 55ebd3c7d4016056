// What `cchc run --redis` and `cchc worker` agree on: the BullMQ queue of evidence files to read,
// the job each file becomes, the shared results kept in Redis, and how a failed job's reason reads
// as the file's unreadable reason. Both sides import this module; nothing here starts a process.
import os from 'node:os';
import { Redis } from 'ioredis';
import type { PdfReading } from '../evidence/reading.js';
import { READER_VERSION } from '../evidence/reader.js';
import { MAX_STALLED } from './lock.js';

/**
 * One evidence file to read (a BullMQ job's data). The file is reached by its absolute path, so
 * every worker must see the batch folders under the same path (a shared mount).
 */
export interface EvidenceJob {
  file: string;
  /** SHA-256 of the content the run saw: a worker refuses a file whose content differs. */
  sha256: string;
  /** The reader version the run expects; the queue name carries it too. */
  readerVersion: string;
  size: number;
  /** The run's per-file time limit, in milliseconds. */
  timeoutMs: number;
  citationPages?: number;
}

/** What a finished job returns (the reading itself is in the shared results). */
export interface EvidenceJobResult {
  /** False when the shared results already held the reading (another job read the same content). */
  read: boolean;
  /** CPU time of the reader process on this file, in milliseconds, when it was read. */
  cpuMs?: number;
}

/**
 * The queue's name: one queue per reader version, so a worker only ever takes files its own reader
 * version reads (a run of a newer version falls back to its own processes until such workers run).
 */
export function queueName(version = READER_VERSION): string {
  return `cchc-tlkc-${version.replace(/[^A-Za-z0-9._+-]/gu, '_')}`;
}

/**
 * The job id: content SHA-256 + reader version. BullMQ adds a job whose id is already in the queue
 * only once, so the same file in two batches (or two provinces) waiting together is read once.
 */
export function jobIdOf(sha256: string, version = READER_VERSION): string {
  return `${sha256}-${version.replace(/[^A-Za-z0-9._+-]/gu, '_')}`;
}

/**
 * BullMQ's retries, not ours: a reader process that crashed or ran out of memory on a worker is
 * tried again (on any worker) twice more, 5 then 10 seconds later. Finished jobs leave the queue
 * (the reading is in the shared results); failed ones stay a day for people to look at.
 */
export const JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: true,
  removeOnFail: { age: 24 * 3600 },
} as const;


/**
 * How long a reading and its audit crop (PNG, some 15 KB, three quarters of an entry) stay in the
 * shared results, in seconds. Every run also keeps what it took in its own cache, so the shared
 * results need only outlive the nights a file is waited for, or shared by several batches.
 */
export const SHARED_RESULT_TTL_S = 7 * 24 * 3600;

/** A reading as stored in Redis: the local cache entry's shape. */
interface SharedEntry {
  sha256: string;
  readerVersion: string;
  reading: PdfReading;
}

/** The results cache in Redis, keyed like the local cache: content SHA-256 + reader version. */
export class SharedReadings {
  constructor(
    private readonly redis: Redis,
    /** Seconds a stored reading and its crop are kept. */
    private readonly ttlS = SHARED_RESULT_TTL_S,
    private readonly version = READER_VERSION,
  ) {}

  key(sha256: string): string {
    return `cchc:doc:${this.version}:${sha256}`;
  }

  cropKey(sha256: string): string {
    return `cchc:crop:${this.version}:${sha256}`;
  }

  /** The stored reading and its crop when still kept, or null (absent, expired or malformed: read it). */
  async get(sha256: string): Promise<{ reading: PdfReading; crop?: Uint8Array } | null> {
    const [raw, crop] = await Promise.all([this.redis.get(this.key(sha256)), this.redis.getBuffer(this.cropKey(sha256))]);
    if (!raw) return null;
    try {
      const entry = JSON.parse(raw) as SharedEntry;
      if (entry.sha256 !== sha256 || entry.readerVersion !== this.version || !entry.reading?.status) return null;
      return { reading: entry.reading, ...(crop ? { crop: new Uint8Array(crop) } : {}) };
    } catch {
      return null;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.redis.exists(this.key(sha256))) === 1;
  }

  /** The crop first: a reading present means its crop was stored with it. */
  async put(sha256: string, reading: PdfReading, crop?: Uint8Array): Promise<void> {
    const entry: SharedEntry = { sha256, readerVersion: this.version, reading };
    if (crop) await this.redis.set(this.cropKey(sha256), Buffer.from(crop), 'EX', this.ttlS);
    await this.redis.set(this.key(sha256), JSON.stringify(entry), 'EX', this.ttlS);
  }
}

/** BullMQ's reason for a job that stalled more than `maxStalledCount` times (its own words). */
const STALLED_LIMIT = 'job stalled more than allowable limit';

/**
 * A failed job's reason as the file's unreadable reason (Vietnamese), and which kind of failure it
 * was, in the family of the local reader's per-file limits (reader-pool.ts).
 */
export function failureOf(reason: string): { detail: string; failure?: 'timeout' | 'crash' | 'memory' } {
  if (reason.includes(STALLED_LIMIT)) {
    return { detail: `tiến trình đọc PDF dừng đột ngột (máy đọc bị dừng khi đang đọc tệp này ${MAX_STALLED + 1} lần)`, failure: 'crash' };
  }
  if (reason.startsWith('quá thời gian đọc cho phép')) return { detail: reason, failure: 'timeout' };
  if (reason.startsWith('vượt giới hạn bộ nhớ')) return { detail: reason, failure: 'memory' };
  if (reason.startsWith('tiến trình đọc PDF')) return { detail: reason, failure: 'crash' };
  // The worker's own reasons are Vietnamese; anything else is BullMQ's, quoted.
  return /[à-ỹđ]/iu.test(reason) ? { detail: reason } : { detail: `máy đọc trên hàng đợi không đọc được tệp (${reason})` };
}

/**
 * A Redis connection for BullMQ (blocking commands wait as long as they need: no per-request
 * retry limit, as BullMQ requires); reconnects on its own. Errors are reported through `onError`,
 * once per distinct message, never thrown out of the program.
 */
export function connectRedis(url: string, onError: (message: string) => void = () => {}): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(times * 500, 5_000),
    lazyConnect: true,
  });
  let last = '';
  redis.on('error', (error: Error) => {
    if (error.message === last) return;
    last = error.message;
    onError(error.message);
  });
  redis.on('ready', () => {
    last = '';
  });
  return redis;
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/u, '//***@');
  }
}

/** A worker's name as BullMQ records it on the jobs it takes (`processedBy`): host and process. */
export function workerName(): string {
  return `cchc-${os.hostname()}-${process.pid}`;
}
