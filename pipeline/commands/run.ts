import { Command, Option } from 'commander';
import { describeRounds } from '../rounds/describe-rounds.js';
import { provisionalDetail, provisionalMark } from '../documents/facts.js';
import { describeChanges } from '../run/changes.js';
import { barProgress, lineProgress, quietProgress } from '../run/progress.js';
import { describeHandEdits, runBatch, type RunSummary } from '../run/run-batch.js';
import { createRunLog } from '../run/run-log.js';
import { CchcError, ExitCode } from '../util/errors.js';
import type { QueueReader, QueueReaderStats } from '../queue/queue-reader.js';
import type { RemoteReader } from '../evidence/remote-reader.js';
import { outputPath, positiveInteger, timeoutMs } from './option-values.js';

interface RunFlags {
  out: string;
  cache?: string;
  quiet?: boolean;
  progress?: 'auto' | 'bar' | 'lines';
  fileTimeout?: string;
  workers?: string;
  audit?: boolean;
  redis?: string;
  redisWait?: string;
  replaceOut?: boolean;
}

export function runCommand(): Command {
  return new Command('run')
    .description('chạy thẩm định một đợt: đọc báo cáo và tài liệu kiểm chứng, chấm điểm, xếp hạng, lập biên bản, quyết định, bảng tính và results.json')
    .argument('<thư-mục-đợt>', 'thư mục có batch.yaml')
    .option('-o, --out <thư-mục>', 'thư mục kết quả', 'output')
    .option('--replace-out', 'thư mục kết quả đang chứa kết quả của một đợt thẩm định khác (tỉnh, năm, bộ chỉ số hoặc đơn vị khác): vẫn chạy, thay kết quả đợt đó bằng kết quả đợt này (không có tùy chọn này thì lần chạy dừng lại, không ghi gì)')
    .option('--cache <thư-mục>', 'thư mục lưu kết quả đọc tài liệu (mặc định: <thư mục kết quả>/.cache)')
    .option('-q, --quiet', 'chỉ in tóm tắt cuối (nhật ký chi tiết vẫn ghi vào cchc.log)')
    .addOption(new Option('--progress <kiểu>', 'hiển thị tiến độ: auto (thanh tiến độ nếu là màn hình, dòng định kỳ nếu không), bar, lines').choices(['auto', 'bar', 'lines']).default('auto'))
    .option('--file-timeout <giây>', 'thời gian tối đa đọc một tệp; quá hạn thì tệp được ghi là không đọc được', '120')
    .option('--workers <số>', 'số tiến trình đọc tài liệu chạy song song (mặc định: số lõi CPU)')
    .option('--no-audit', 'không lập trang kiểm tra tài liệu (thư mục audit/) và không vẽ ảnh đầu văn bản')
    .option('--redis <url>', 'gửi tài liệu cần đọc cho các máy đọc (cchc worker) qua hàng đợi Redis, ví dụ redis://10.0.0.5:6379')
    .option('--redis-wait <giây>', 'không có máy đọc nào trên hàng đợi trong chừng này giây thì tự đọc phần còn lại', '30')
    .action(async (dir: string, opts: RunFlags, command: Command) => {
      const out = outputPath(opts.out);
      const echo = opts.quiet ? null : (line: string) => process.stderr.write(`${line}\n`);
      const log = createRunLog(out, echo);
      const mode = opts.progress === 'auto' || !opts.progress ? (process.stderr.isTTY ? 'bar' : 'lines') : opts.progress;
      const progress = opts.quiet ? quietProgress(log) : mode === 'bar' ? barProgress(log) : lineProgress(log);
      const fileTimeoutMs = timeoutMs(opts.fileTimeout ?? '120', '--file-timeout');
      const workers = opts.workers === undefined ? undefined : positiveInteger(opts.workers, '--workers');
      if (opts.redis !== undefined && !isRedisUrl(opts.redis)) {
        throw new CchcError(`--redis cần địa chỉ dạng redis://máy:cổng (hoặc rediss://), không phải "${opts.redis}".`, ExitCode.Usage);
      }
      if (opts.redis === undefined && command.getOptionValueSource('redisWait') === 'cli') {
        throw new CchcError('--redis-wait chỉ dùng cùng --redis (thời gian chờ máy đọc trên hàng đợi Redis); chạy không có --redis thì mọi tài liệu được đọc tại máy này.', ExitCode.Usage);
      }
      const waitMs = timeoutMs(opts.redisWait ?? '30', '--redis-wait');
      // BullMQ and ioredis are loaded, and Redis is reached, only when a file is to be read: a night
      // that reads nothing (every file cached, or the outputs kept) never touches the queue.
      const url = opts.redis;
      const queue: { connecting?: Promise<QueueReader> } = {};
      const queueReader = () => (queue.connecting ??= import('../queue/queue-reader.js').then((m) => m.connectQueueReader({
        url: url!, waitMs, info: (l) => log.info(l), detail: (l) => log.detail(l), onStalled: (files) => progress.stalled(files),
      })));
      const remote: RemoteReader | null = url ? { read: async (request) => (await queueReader()).read(request) } : null;
      let outcome: Awaited<ReturnType<typeof runBatch>>;
      try {
        outcome = await runBatch(dir, {
          out, log, progress, fileTimeoutMs, audit: opts.audit !== false, keep: true, replaceOut: opts.replaceOut === true,
          ...(workers ? { workers } : {}),
          onStop: (message) => process.stderr.write(`${message}\n`),
          ...(opts.cache ? { cacheDir: opts.cache } : {}),
          ...(remote ? { remote } : {}),
        });
      } finally {
        if (queue.connecting) await (await queue.connecting).close();
      }
      const { summary, changes } = outcome;
      const queued = queue.connecting ? describeQueue((await queue.connecting).stats()) : [];
      const text = [
        formatSummary(summary, out), ...queued, ...describeRounds(summary.rounds), ...describeChanges(changes),
        ...describeHandEdits(summary.handEdited ?? []), `  Nhật ký: ${log.file}`, '',
      ].join('\n');
      log.detail(text);
      process.stdout.write(text);
      // A declared input workbook that could not be read: the ranking is not final (for cron).
      if (summary.provisional.inputErrors.length > 0) process.exitCode = ExitCode.InputUnreadable;
    });
}

/**
 * How the files asked of the queue were answered: one summary line, and a warning line when the run
 * read files itself because Redis could not be reached or no worker answered.
 */
export function describeQueue(s: QueueReaderStats): string[] {
  return [
    // Only files the run's own cache did not hold are asked of the queue: said, so the counts add up.
    `  Hàng đợi Redis, cho ${s.read + s.shared + s.local + s.failed} tài liệu chưa có trong bộ nhớ đệm kết quả đọc của lần chạy: ${s.read} do máy đọc đọc, ${s.shared} lấy từ kết quả dùng chung, ${s.local} đọc tại máy này${s.failed ? `, ${s.failed} không đọc được trên hàng đợi` : ''}`,
    ...(s.fallback ? [`  CẢNH BÁO: ${s.fallback}.`] : []),
  ];
}

/** Whether `url` is a Redis URL ioredis accepts (redis:// or rediss://). */
export function isRedisUrl(url: string): boolean {
  try {
    return ['redis:', 'rediss:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

export function formatSummary(s: RunSummary, out: string): string {
  const mark = provisionalMark(s.provisional);
  const lines = [
    'TÓM TẮT ĐỢT THẨM ĐỊNH',
    ...s.provisional.inputErrors.map((e) => `  Lỗi: ${e.reason}.`),
    ...(mark ? [`  KẾT QUẢ TẠM THỜI (${mark}): ${provisionalDetail(s.provisional)}.`] : []),
    `  Đơn vị: ${s.units}${s.unitsWithErrors ? ` (${s.unitsWithErrors} đơn vị không thẩm định được)` : ''}`,
    `  Tiêu chí đã kiểm tra${s.unitsWithErrors ? ' (của các đơn vị đã thẩm định)' : ''}: ${s.criteriaChecked}`,
    `  Tài liệu kiểm chứng: ${s.evidenceFiles}${s.unreadableFiles ? ` (${s.unreadableFiles} tệp không đọc được)` : ''}`,
    '  Phát hiện theo quy tắc:',
    ...Object.entries(s.findingsByRule).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([rule, n]) => `    ${(s.ruleLabels[rule] ?? rule).padEnd(56)} ${n}`),
    `  Thời gian: ${(s.elapsedMs / 1000).toFixed(1)} giây`,
    `  Kết quả: ${out}`,
  ];
  return lines.join('\n');
}
