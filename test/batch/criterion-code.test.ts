import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseCriterionCode } from '../../pipeline/batch/criterion-code.js';
import { readReport } from '../../pipeline/batch/read-report.js';
import { buildReportWorkbook } from '../../pipeline/batch/report-template.js';
import { loadFramework } from '../../pipeline/framework/load-framework.js';
import type { Framework } from '../../pipeline/model.js';
import { tempDir } from '../helpers/temp.js';

describe('normaliseCriterionCode', () => {
  it.each([
    ['１.１.２', '1.1.2', ['chữ số hoặc dấu toàn độ rộng']],
    ['１．１．２', '1.1.2', ['chữ số hoặc dấu toàn độ rộng']],
    ['1.3\u200b.1', '1.3.1', ['ký tự ẩn (khoảng trắng độ rộng 0)']],
    ['\ufeff2.1', '2.1', ['ký tự ẩn (khoảng trắng độ rộng 0)']],
    ['1,3,2', '1.3.2', ['dấu phẩy thay cho dấu chấm']],
    ['1. 3 .2', '1.3.2', ['khoảng trắng quanh dấu chấm']],
    ['TC 1.3.1', '1.3.1', ['bỏ chữ "TC" trước mã']],
    ['Tiêu chí 1.2', '1.2', ['bỏ chữ "Tiêu chí" trước mã']],
    ['TCTP: 2.2.1', '2.2.1', ['bỏ chữ "TCTP:" trước mã']],
    ['tc1.1', '1.1', ['bỏ chữ "tc" trước mã']],
    ['1.1.2', '1.1.2', []],
    ['I', 'I', []],
  ])('"%s" is read as %s', (raw, code, changes) => {
    expect(normaliseCriterionCode(raw)).toEqual({ code, changes });
  });
});

describe('criterion codes typed oddly in report.xlsx', () => {
  let framework: Framework;
  beforeAll(async () => {
    framework = await loadFramework('hung-yen-2021-so', process.cwd());
  });

  it('full-width digits, a zero-width space and commas keep their rows (and points), with a finding saying what was normalised', async () => {
    const wb = buildReportWorkbook(framework);
    const typed = new Map([['1.1.2', '１.１.２'], ['1.3.1', '1.3\u200b.1'], ['1.3.2', '1,3,2']]);
    wb.worksheets[0]!.eachRow((row) => {
      const code = String(row.getCell(2).value ?? '');
      const odd = typed.get(code);
      if (odd) {
        row.getCell(2).value = odd;
        row.getCell(5).value = 0.5;
      }
    });
    const file = path.join(await tempDir(), 'report.xlsx');
    await wb.xlsx.writeFile(file);
    const { report, findings } = await readReport(file, framework, 'STP');
    const byCode = new Map(report!.claims.map((c) => [c.criterion, c]));
    for (const code of typed.keys()) expect(byCode.get(code)?.self, code).toBe(0.5);
    const reasons = findings.map((f) => f.reason);
    expect(reasons.some((r) => r.includes('mã tiêu chí "１.１.２" được đọc là 1.1.2 (đã sửa: chữ số hoặc dấu toàn độ rộng)'))).toBe(true);
    expect(reasons.some((r) => r.includes('được đọc là 1.3.1 (đã sửa: ký tự ẩn'))).toBe(true);
    expect(reasons.some((r) => r.includes('mã tiêu chí "1,3,2" được đọc là 1.3.2 (đã sửa: dấu phẩy thay cho dấu chấm)'))).toBe(true);
    expect(reasons.some((r) => r.includes('không có trong bộ chỉ số'))).toBe(false);
  });
});
