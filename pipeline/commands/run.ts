import path from 'node:path';
import { Command } from 'commander';
import { runBatch, type RunSummary } from '../run/run-batch.js';

export function runCommand(): Command {
  return new Command('run')
    .description('chạy thẩm định một đợt: đọc báo cáo và tài liệu kiểm chứng, chấm điểm, xếp hạng, lập biên bản, quyết định, bảng tính và results.json')
    .argument('<thư-mục-đợt>', 'thư mục có batch.yaml')
    .option('-o, --out <thư-mục>', 'thư mục kết quả', 'output')
    .option('--cache <thư-mục>', 'thư mục lưu kết quả đọc tài liệu (mặc định: <thư mục kết quả>/.cache)')
    .option('-q, --quiet', 'chỉ in tóm tắt cuối')
    .action(async (dir: string, opts: { out: string; cache?: string; quiet?: boolean }) => {
      const { summary } = await runBatch(dir, {
        out: opts.out,
        ...(opts.cache ? { cacheDir: opts.cache } : {}),
        ...(opts.quiet ? {} : { log: (line: string) => process.stderr.write(`${line}\n`) }),
      });
      process.stdout.write(formatSummary(summary, path.resolve(opts.out)));
    });
}

export function formatSummary(s: RunSummary, out: string): string {
  const lines = [
    'TÓM TẮT ĐỢT THẨM ĐỊNH',
    `  Đơn vị: ${s.units}${s.unitsWithErrors ? ` (${s.unitsWithErrors} đơn vị không thẩm định được)` : ''}`,
    `  Tiêu chí đã kiểm tra: ${s.criteriaChecked}`,
    `  Tài liệu kiểm chứng: ${s.evidenceFiles}${s.unreadableFiles ? ` (${s.unreadableFiles} tệp không đọc được)` : ''}`,
    '  Phát hiện theo quy tắc:',
    ...Object.entries(s.findingsByRule).sort((a, b) => b[1] - a[1]).map(([rule, n]) => `    ${rule.padEnd(24)} ${n}`),
    `  Thời gian: ${(s.elapsedMs / 1000).toFixed(1)} giây`,
    `  Kết quả: ${out}`,
    '',
  ];
  return lines.join('\n');
}
