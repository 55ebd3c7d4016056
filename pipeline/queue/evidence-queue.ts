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
  /**
   * Regions of page 1 recognised by OCR when it was read (the reader pool's `ocrRegions`): the run
   * counts the page among its OCR pages, as for a file it reads itself.
   */
  ocrRegions?: number;
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
  // The worker's own reasons are Vietnamese; anything else is BullMQ's or Redis's, translated.
  return ownReason(reason) ? { detail: reason } : { detail: `máy đọc trên hàng đợi không đọc được tệp (${redisDetail(reason)})` };
}

/**
 * A reason in Vietnamese (the worker's own), told from a library's English by its Vietnamese letters.
 * No `i` flag: case folding would take U+017F (ſ), inside À–ỹ, for a plain `s`.
 */
export const ownReason = (reason: string): boolean => /[\u00C0-\u1EF9]/u.test(reason);

/** Redis's and its client's frequent failures (ioredis, BullMQ), in Vietnamese, most specific first. */
const REDIS_DETAILS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/ECONNREFUSED\s*(\S*)/u, (m) => `máy chủ không nhận kết nối${m[1] ? ` tại ${m[1]}` : ''}, Redis chưa chạy hoặc sai cổng`],
  [/ENOTFOUND\s*(\S*)/u, (m) => `không tìm thấy máy ${m[1] || 'có tên này'}, sai tên máy hoặc DNS`],
  [/EAI_AGAIN\s*(\S*)/u, (m) => `chưa phân giải được tên máy${m[1] ? ` ${m[1]}` : ''}, DNS không trả lời`],
  [/ETIMEDOUT|connect timeout|timed? ?out/iu, () => 'hết thời gian chờ kết nối, tường lửa chặn hoặc máy không trả lời'],
  [/ECONNRESET|EPIPE/u, () => 'kết nối bị máy chủ ngắt giữa chừng'],
  [/EHOSTUNREACH|ENETUNREACH/u, () => 'không có đường mạng tới máy chủ'],
  [/Protocol error/iu, () => 'máy ở địa chỉ này không trả lời theo giao thức Redis, sai cổng hoặc là dịch vụ khác'],
  [/NOAUTH/u, () => 'Redis yêu cầu mật khẩu mà địa chỉ không có'],
  [/WRONGPASS|invalid password|invalid username-password/iu, () => 'sai tên người dùng hoặc mật khẩu Redis'],
  [/NOPERM/u, () => 'người dùng Redis không có quyền với lệnh hoặc khóa cần dùng'],
  [/LOADING/u, () => 'Redis đang nạp dữ liệu, chưa sẵn sàng'],
  [/READONLY/u, () => 'Redis ở chế độ chỉ đọc (bản sao), không ghi được'],
  [/OOM/u, () => 'Redis hết bộ nhớ, vượt giới hạn maxmemory'],
  [/MISCONF/u, () => 'Redis không ghi được bản lưu xuống đĩa và từ chối ghi'],
  [/Connection is closed|Stream isn't writeable|enableOfflineQueue/iu, () => 'kết nối tới Redis đã đóng'],
  [/max retries per request/iu, () => 'Redis không trả lời sau nhiều lần thử'],
  [/Missing lock for job|could not renew lock/iu, () => 'mất khóa công việc trên hàng đợi, máy đọc quá tải hoặc mất kết nối quá lâu'],
];

/**
 * A Redis client's English failure message for a Vietnamese one: a known failure translated, any
 * other kept for the administrator under a Vietnamese label (`chi tiết kỹ thuật: …`), never bare.
 */
export function redisDetail(message: string): string {
  const text = message.trim().replace(/\s+/gu, ' ');
  for (const [pattern, say] of REDIS_DETAILS) {
    const m = pattern.exec(text);
    if (m) return say(m);
  }
  return text === '' ? 'không rõ nguyên nhân' : `chi tiết kỹ thuật: ${text}`;
}

/**
 * A Redis connection for BullMQ (blocking commands wait as long as they need: no per-request
 * retry limit, as BullMQ requires); reconnects on its own. Errors are reported through `onError`
 * in Vietnamese (`redisDetail`), once per distinct message, never thrown out of the program. A
 * password in `url` that the server does not need is said once, through `onNoPassword` (Vietnamese,
 * password hidden), for this connection and every duplicate BullMQ makes of it.
 */
export function connectRedis(url: string, onError: (message: string) => void = () => {}, onNoPassword?: (message: string) => void): Redis {
  let said = false;
  const redis = quietNoPassword(new Redis(url, {
    maxRetriesPerRequest: null,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(times * 500, 5_000),
    lazyConnect: true,
  }), () => {
    if (said) return;
    said = true;
    onNoPassword?.(`Lưu ý: Redis tại ${redactUrl(url)} không yêu cầu mật khẩu, nhưng địa chỉ có mật khẩu: kết nối không dùng mật khẩu. Nên đặt mật khẩu cho Redis (requirepass) hoặc bỏ mật khẩu khỏi địa chỉ.`);
  });
  let last = '';
  redis.on('error', (error: Error) => {
    const message = redisDetail(error.message);
    if (message === last) return;
    last = message;
    onError(message);
  });
  redis.on('ready', () => {
    last = '';
  });
  return redis;
}

/** What Redis answers AUTH with when it needs no password (before 6; from 6, the `default` user without one). */
const NO_PASSWORD = /no password is set|without any password configured/u;

/**
 * `redis`, and every duplicate made of it, taking Redis's "no password needed" reply to the AUTH it
 * sends on each connection as done, and telling `onNoPassword`, instead of ioredis printing an
 * English `[WARN]` line per connection (ioredis redis/event_handler.js connectHandler: it warns on
 * those replies and goes on unauthenticated, as here). Only this client's own methods are replaced.
 */
function quietNoPassword(redis: Redis, onNoPassword: () => void): Redis {
  type Callback = (error: Error | null, result?: unknown) => void;
  const auth = redis.auth.bind(redis) as (...args: unknown[]) => Promise<unknown>;
  const duplicate = redis.duplicate.bind(redis);
  Object.assign(redis, {
    auth(...args: unknown[]) {
      const done = args[args.length - 1];
      if (typeof done !== 'function') return auth(...args);
      return auth(...args.slice(0, -1), (error: Error | null, result?: unknown) => {
        if (error && NO_PASSWORD.test(error.message)) {
          onNoPassword();
          (done as Callback)(null, 'OK');
        } else (done as Callback)(error, result);
      });
    },
    duplicate: (override?: Parameters<Redis['duplicate']>[0]) => quietNoPassword(duplicate(override), onNoPassword),
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
