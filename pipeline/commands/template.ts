import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { CchcError, ExitCode } from '../util/errors.js';
import { writeFileAtomic } from '../util/files.js';
import { describeFsError } from '../util/fs-errors.js';
import { outputPath } from './option-values.js';

export function templateCommand(): Command {
  return new Command('template')
    .description('tạo mẫu báo cáo tự đánh giá (report.xlsx) trống theo một bộ chỉ số, để đơn vị điền')
    .argument('<bộ-chỉ-số>', 'tên bộ chỉ số có sẵn (xem: cchc frameworks) hoặc đường dẫn tệp YAML')
    .option('-o, --out <tệp>', 'tệp kết quả', 'report.xlsx')
    .option('--unit <mã>', 'mã đơn vị in trên mẫu')
    .option('--name <tên>', 'tên đơn vị in trên mẫu')
    .option('-f, --force', 'ghi đè nếu tệp đã có')
    .action(async (ref: string, opts: { out: string; unit?: string; name?: string; force?: boolean }) => {
      // Loaded by the commands that use it (cchc starts light).
      const { loadFramework } = await import('../framework/load-framework.js');
      const framework = await loadFramework(ref, process.cwd());
      const out = outputPath(opts.out, '--out', 'tệp báo cáo mẫu');
      if (existsSync(out) && statSync(out).isDirectory()) {
        throw new CchcError(`${out} là một thư mục; hãy cho tên tệp, ví dụ --out ${path.join(opts.out, 'report.xlsx')}.`, ExitCode.Usage);
      }
      if (existsSync(out) && !opts.force) throw new CchcError(`Tệp ${out} đã có; dùng --force để ghi đè.`, ExitCode.Usage);
      const unit = opts.unit ? { code: opts.unit, name: opts.name ?? opts.unit, group: framework.level } : undefined;
      const { reportWorkbookBuffer } = await import('../batch/report-template.js');
      const workbook = await reportWorkbookBuffer(framework, unit ? { unit } : {});
      try {
        await writeFileAtomic(out, workbook);
      } catch (error) {
        throw new CchcError(`Không ghi được mẫu báo cáo ${out} (${describeFsError(error, 'write')}).`, ExitCode.Output);
      }
      process.stdout.write(`Đã tạo mẫu báo cáo ${out} theo bộ chỉ số ${framework.id}.\n`);
    });
}
