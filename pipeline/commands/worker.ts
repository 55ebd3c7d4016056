import os from 'node:os';
import { Command } from 'commander';
import { READER_VERSION } from '../evidence/reader.js';
import { CchcError, ExitCode } from '../util/errors.js';
import { DEFAULT_LOCK_MS } from '../queue/lock.js';
import { isRedisUrl } from './run.js';

const DEFAULT_LOCK_S = DEFAULT_LOCK_MS / 1000;

interface WorkerFlags {
  redis: string;
  concurrency?: string;
  lockTimeout?: string;
  keepDays?: string;
}

export function workerCommand(): Command {
  return new Command('worker')
    .description('máy đọc tài liệu kiểm chứng: nhận tệp từ hàng đợi Redis (BullMQ) do "cchc run --redis" gửi, đọc và trả kết quả qua Redis')
    .requiredOption('--redis <url>', 'địa chỉ Redis, ví dụ redis://10.0.0.5:6379')
    .option('--concurrency <số>', 'số tệp đọc cùng lúc, mỗi tệp một tiến trình đọc (mặc định: số lõi CPU)')
    .option('--lock-timeout <giây>', 'máy đọc bị dừng đột ngột: sau chừng này giây tệp đang đọc được giao cho máy đọc khác', String(DEFAULT_LOCK_S))
    .option('--keep-days <ngày>', 'số ngày giữ kết quả đọc (kèm ảnh đầu văn bản) trên Redis cho các lần chạy khác dùng chung', '7')
    .action(async (opts: WorkerFlags) => {
      if (!isRedisUrl(opts.redis)) throw new CchcError(`--redis cần địa chỉ dạng redis://máy:cổng (hoặc rediss://), không phải "${opts.redis}".`, ExitCode.Usage);
      const concurrency = opts.concurrency === undefined ? os.availableParallelism() : Math.round(positive(opts.concurrency, '--concurrency'));
      const lockMs = Math.round(positive(opts.lockTimeout ?? String(DEFAULT_LOCK_S), '--lock-timeout') * 1000);
      const keepS = Math.round(positive(opts.keepDays ?? '7', '--keep-days') * 24 * 3600);
      const log = (line: string) => process.stderr.write(`${line}\n`);
      // BullMQ and ioredis are loaded only by the commands that use them.
      const { queueName, redactUrl } = await import('../queue/evidence-queue.js');
      const { startQueueWorker } = await import('../queue/queue-worker.js');
      const worker = startQueueWorker({ url: opts.redis, concurrency, lockMs, keepS, log });
      let stopping: Promise<void> | null = null;
      let stopped = () => {};
      const finished = new Promise<void>((resolve) => {
        stopped = resolve;
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
      await Promise.race([worker.ready, finished]);
      if (!stopping) log(`Máy đọc ${worker.name} đang chờ tài liệu trên hàng đợi ${queueName()} tại ${redactUrl(opts.redis)} (trình đọc ${READER_VERSION}, đọc ${concurrency} tệp cùng lúc).`);
      await finished;
      log('Máy đọc đã dừng.');
    });
}

function positive(value: string, option: string): number {
  const n = Number(value.replace(',', '.'));
  if (!Number.isFinite(n) || n <= 0) throw new CchcError(`${option} cần một số dương, không phải "${value}".`, ExitCode.Usage);
  return n;
}
