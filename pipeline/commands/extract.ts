import path from 'node:path';
import { Command } from 'commander';
import { createEvidenceReader } from '../evidence/reader.js';
import type { Extraction } from '../model.js';
import { ExitCode } from '../util/errors.js';

export function extractCommand(): Command {
  return new Command('extract')
    .description('đọc số, ngày, loại văn bản và chữ ký của các tệp PDF tài liệu kiểm chứng')
    .argument('<tệp...>', 'các tệp PDF')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (files: string[], opts: { json?: boolean }) => {
      const reader = createEvidenceReader();
      let results: Extraction[];
      try {
        results = await Promise.all(files.map(async (f) => ({ ...(await reader.read(path.resolve(f))), file: f })));
      } finally {
        await reader.close();
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      else {
        for (const r of results) {
          const what = r.status === 'ok' ? `${r.number ?? '(không số)'}  ${r.date ?? '(không ngày)'}  ${r.source ?? ''}` : `không đọc được: ${r.error}`;
          process.stdout.write(`${r.file}: ${what}\n`);
        }
      }
      if (results.some((r) => r.status === 'unreadable')) process.exitCode = ExitCode.Unreadable;
    });
}
