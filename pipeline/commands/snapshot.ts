import { Command } from 'commander';
import { quietProgress } from '../run/progress.js';
import { runBatch } from '../run/run-batch.js';
import { createRunLog } from '../run/run-log.js';
import { outputPath, positiveInteger } from './option-values.js';

interface SnapshotFlags {
  out: string;
  round: string;
  cache?: string;
  acceptCurrent?: boolean;
}

/** `cchc snapshot <batch> --round N`: record a closed round's snapshot now (once; an existing one is kept and shown). */
export function snapshotCommand(): Command {
  return new Command('snapshot')
    .description('chụp hồ sơ của một vòng đã hết hạn (báo cáo và tài liệu kiểm chứng: đường dẫn, dung lượng, SHA-256, thời điểm lần đầu thấy); ghi một lần, không ghi đè')
    .argument('<thư-mục-đợt>', 'thư mục có batch.yaml')
    .requiredOption('--round <số>', 'số thứ tự của vòng trong lịch thẩm định (1 = vòng đầu)')
    .option('-o, --out <thư-mục>', 'thư mục kết quả (ảnh chụp ghi vào <thư mục>/snapshots/)', 'output')
    .option('--cache <thư-mục>', 'thư mục lưu kết quả đọc tài liệu (mặc định: <thư mục kết quả>/.cache)')
    .option('--accept-current', 'khi không có lịch sử nào trước thời hạn (thư mục đợt vừa được sao chép): xác nhận hồ sơ hiện có là hồ sơ tại thời hạn; ảnh chụp ghi rõ là do người chạy xác nhận')
    .action(async (dir: string, opts: SnapshotFlags) => {
      const round = positiveInteger(opts.round, '--round');
      const out = outputPath(opts.out);
      const log = createRunLog(out, (line) => process.stderr.write(`${line}\n`));
      const { summary } = await runBatch(dir, { out, log, progress: quietProgress(log), snapshotRound: round, onStop: (message) => process.stderr.write(`${message}\n`), acceptCurrent: opts.acceptCurrent === true, ...(opts.cache ? { cacheDir: opts.cache } : {}) });
      const taken = summary.snapshot!;
      const text = `Ảnh chụp hồ sơ ${taken.round}: ${taken.file}\nSHA-256: ${taken.sha256}\n`;
      log.detail(text.trim());
      process.stdout.write(text);
    });
}
