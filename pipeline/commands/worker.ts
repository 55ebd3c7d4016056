import os from 'node:os';
import { Command } from 'commander';
import { CchcError, ExitCode } from '../util/errors.js';
import { DEFAULT_LOCK_MS, DEFAULT_REDIS_TIMEOUT_MS } from '../queue/lock.js';
import { parsePathMap } from '../queue/path-map.js';
import { positiveInteger, positiveNumber, timeoutMs } from './option-values.js';
import { isRedisUrl } from './run.js';

const DEFAULT_LOCK_S = DEFAULT_LOCK_MS / 1000;
const DEFAULT_REDIS_TIMEOUT_S = DEFAULT_REDIS_TIMEOUT_MS / 1000;

interface WorkerFlags {
  redis: string;
  concurrency?: string;
  lockTimeout?: string;
  keepDays?: string;
  pathMap?: string[];
  redisTimeout?: string;
}

export function workerCommand(): Command {
  return new Command('worker')
    .description('máy đọc tài liệu kiểm chứng: nhận tệp từ hàng đợi Redis (BullMQ) do "cchc run --redis" gửi, đọc và trả kết quả qua Redis')
    .requiredOption('--redis <url>', 'địa chỉ Redis, ví dụ redis://10.0.0.5:6379')
    .option('--concurrency <số>', 'số tệp đọc cùng lúc, mỗi tệp một tiến trình đọc (mặc định: số lõi CPU)')
    .option('--lock-timeout <giây>', 'máy đọc bị dừng đột ngột: sau chừng này giây tệp đang đọc được giao cho máy đọc khác', String(DEFAULT_LOCK_S))
    .option('--keep-days <ngày>', 'số ngày giữ kết quả đọc (kèm ảnh đầu văn bản) trên Redis cho các lần chạy khác dùng chung', '7')
    .option('--path-map <máy-chạy=máy-đọc>', 'máy đọc gắn thư mục đợt ở chỗ khác, ví dụ /srv/cchc=/mnt/cchc: tệp /srv/cchc/… của lần chạy được đọc tại /mnt/cchc/… (vẫn kiểm tra SHA-256); ghi nhiều lần cho nhiều thư mục', collect)
    .option('--redis-timeout <giây>', `không kết nối được Redis (lúc khởi động hoặc khi mất kết nối) trong chừng này giây thì dừng với mã thoát ${ExitCode.RedisUnreachable}`, String(DEFAULT_REDIS_TIMEOUT_S))
    .action(async (opts: WorkerFlags) => {
      if (!isRedisUrl(opts.redis)) throw new CchcError(`--redis cần địa chỉ dạng redis://máy:cổng (hoặc rediss://), không phải "${opts.redis}".`, ExitCode.Usage);
      const pathMap = parsePathMap(opts.pathMap ?? []);
      if ('problem' in pathMap) throw new CchcError(pathMap.problem, ExitCode.Usage);
      const redisTimeoutMs = timeoutMs(opts.redisTimeout ?? String(DEFAULT_REDIS_TIMEOUT_S), '--redis-timeout');
      const concurrency = opts.concurrency === undefined ? os.availableParallelism() : positiveInteger(opts.concurrency, '--concurrency');
      const lockMs = timeoutMs(opts.lockTimeout ?? String(DEFAULT_LOCK_S), '--lock-timeout');
      const keepS = Math.max(1, Math.round(positiveNumber(opts.keepDays ?? '7', '--keep-days') * 24 * 3600));
      const log = (line: string) => process.stderr.write(`${line}\n`);
      // BullMQ and ioredis are loaded only by the commands that use them.
      const { queueName, redactUrl } = await import('../queue/evidence-queue.js');
      const { READER_VERSION } = await import('../evidence/reader.js');
      const { startQueueWorker } = await import('../queue/queue-worker.js');
      let stopping: Promise<void> | null = null;
      let stopped = () => {};
      const finished = new Promise<void>((resolve) => {
        stopped = resolve;
      });
      const worker = startQueueWorker({
        url: opts.redis, concurrency, lockMs, keepS, log, pathMap: pathMap.mappings, redisTimeoutMs,
        // Bounded: an unreachable Redis ends the worker with its own exit code, for the supervisor.
        onUnreachable: (message) => {
          log(`${message} (mã thoát ${ExitCode.RedisUnreachable})`);
          process.exitCode = ExitCode.RedisUnreachable;
          stopping ??= worker.stop('release').finally(stopped);
        },
      });
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) {
          // Asked again: the files being read go back to the queue for another worker, now.
          log(`Nhận ${signal} lần nữa: trả ${worker.active()} tệp đang đọc về hàng đợi cho máy đọc khác và thoát.`);
          void worker.stop('release').finally(() => process.exit(143));
          return;
        }
        log(`Nhận ${signal}: không nhận thêm tệp; đọc nốt ${worker.active()} tệp đang đọc rồi thoát (gửi tín hiệu lần nữa để trả các tệp đó về hàng đợi và thoát ngay).`);
        stopping = worker.stop('finish').finally(stopped);
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      await Promise.race([worker.ready.catch(() => finished), finished]);
      if (!stopping) {
        // The path maps first: once "đang chờ" is printed, a script watching for it may go on.
        for (const m of pathMap.mappings) log(`Ánh xạ đường dẫn: tệp ${m.from}/… của lần chạy được đọc tại ${m.to}/… trên máy này.`);
        log(`Máy đọc ${worker.name} đang chờ tài liệu trên hàng đợi ${queueName()} tại ${redactUrl(opts.redis)} (trình đọc ${READER_VERSION}, đọc ${concurrency} tệp cùng lúc).`);
      }
      await finished;
      log('Máy đọc đã dừng.');
    });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

