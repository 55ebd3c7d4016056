import path from 'node:path';
import { Command } from 'commander';
import { outputPath, positiveInteger } from './option-values.js';

interface AuditFlags {
  out: string;
  cache?: string;
  unit?: string;
  workers?: string;
}

export function auditCommand(): Command {
  return new Command('audit')
    .description('lập lại trang kiểm tra tài liệu kiểm chứng (HTML, mở trực tiếp không cần máy chủ) từ kết quả và bộ nhớ đệm của lần chạy gần nhất')
    .argument('<thư-mục-đợt>', 'thư mục có batch.yaml')
    .option('-o, --out <thư-mục>', 'thư mục kết quả của lần chạy (có results.json); trang được ghi vào <thư mục>/audit', 'output')
    .option('--cache <thư-mục>', 'thư mục lưu kết quả đọc tài liệu (mặc định: <thư mục kết quả>/.cache)')
    .option('--unit <MÃ>', 'chỉ lập trang của một đơn vị (và trang danh sách)')
    .option('--workers <số>', 'số tiến trình vẽ ảnh chạy song song khi thiếu ảnh (mặc định: số lõi CPU)')
    .action(async (dir: string, opts: AuditFlags) => {
      const workers = opts.workers === undefined ? undefined : positiveInteger(opts.workers, '--workers');
      // The audit's renderer is loaded by the command that uses it (cchc starts light).
      const { rebuildAudit } = await import('../audit/rebuild-audit.js');
      const { AUDIT_FILES } = await import('../audit/render-audit.js');
      const outcome = await rebuildAudit(dir, {
        out: outputPath(opts.out),
        ...(opts.cache ? { cacheDir: opts.cache } : {}),
        ...(opts.unit ? { unit: opts.unit } : {}),
        ...(workers ? { workers } : {}),
      });
      const lines = [
        'TRANG KIỂM TRA TÀI LIỆU KIỂM CHỨNG',
        `  Đơn vị: ${outcome.units}`,
        `  Tệp ghi mới: ${outcome.written}; giữ nguyên: ${outcome.kept}`,
        `  Ảnh đầu văn bản: ${outcome.cropsRendered} ảnh vẽ mới, ${outcome.cropsPlaced} ảnh đặt vào thư mục${outcome.cropsMissing ? `, ${outcome.cropsMissing} tài liệu không có ảnh` : ''}`,
        `  Mở: ${path.join(outcome.dir, opts.unit ? AUDIT_FILES.unit(opts.unit) : AUDIT_FILES.index)}`,
        '',
      ];
      process.stdout.write(lines.join('\n'));
    });
}
