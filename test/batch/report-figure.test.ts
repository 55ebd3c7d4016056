// The figure columns of the report (Số liệu, Tử số, Mẫu số) for criteria scored from a figure.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readReport } from '../../pipeline/batch/read-report.js';
import { buildReportWorkbook } from '../../pipeline/batch/report-template.js';
import { bundledFrameworksDir, loadFramework } from '../../pipeline/framework/load-framework.js';
import type { Framework } from '../../pipeline/model.js';
import { tempDir } from '../helpers/temp.js';

let framework: Framework;
beforeAll(async () => {
  framework = await loadFramework('thai-nguyen-2024-so', bundledFrameworksDir());
});

const COL = { self: 5, figure: 9, numerator: 10, denominator: 11 };

async function reportWith(rows: Record<string, Partial<Record<keyof typeof COL, string | number>>>) {
  const wb = buildReportWorkbook(framework);
  const ws = wb.worksheets[0]!;
  ws.eachRow((row) => {
    const values = rows[String(row.getCell(2).value ?? '')];
    if (values) for (const [key, v] of Object.entries(values)) row.getCell(COL[key as keyof typeof COL]).value = v;
  });
  const file = path.join(await tempDir(), 'report.xlsx');
  await wb.xlsx.writeFile(file);
  return readReport(file, framework, 'SNV', 'units/SNV/report.xlsx');
}

describe('figures in the self-assessment report', () => {
  it('the template has the figure columns and prints the brackets in the title', async () => {
    const ws = buildReportWorkbook(framework).worksheets[0]!;
    expect([9, 10, 11].map((c) => ws.getRow(5).getCell(c).value)).toEqual(['Số liệu', 'Tử số', 'Mẫu số']);
    let title = '';
    ws.eachRow((row) => { if (row.getCell(2).value === '8.2.1') title = String(row.getCell(3).value); });
    expect(title).toContain('chấm theo số liệu: 100%: 2,5 điểm; từ 80% đến dưới 100%: 1,25 điểm; dưới 80%: 0 điểm');
  });

  it('reads a figure, a percentage written with %, and a ratio from Tử số / Mẫu số', async () => {
    const { report, findings } = await reportWith({
      '8.2.1': { self: 1.25, figure: '85,5%' },
      '4.3': { self: 4, numerator: 1960, denominator: 2000 },
      '1.3.2': { self: 1.5, figure: 2 },
    });
    const byCode = new Map(report!.claims.map((c) => [c.criterion, c]));
    expect(byCode.get('8.2.1')?.figure).toEqual({ value: 85.5 });
    expect(byCode.get('4.3')?.figure).toEqual({ value: 98, numerator: 1960, denominator: 2000 });
    expect(byCode.get('1.3.2')?.figure).toEqual({ value: 2 });
    expect(findings.filter((f) => f.rule === 'report-format' && f.effect === 'review')).toEqual([]);
  });

  it.each([
    ['a percentage above 100', { '8.2.1': { self: 2.5, figure: 120 } }, 'units/SNV/report.xlsx, trang "Tự đánh giá", dòng', 'số liệu của tiêu chí 8.2.1 là 120%, nằm ngoài khoảng 0–100%.'],
    ['a zero denominator', { '4.3': { self: 4, numerator: 10, denominator: 0 } }, 'dòng', 'số liệu của tiêu chí 4.3: "Mẫu số" bằng 0, không tính được tỷ lệ.'],
    ['words instead of a number', { '1.3.2': { self: 1.5, figure: 'hai cuộc' } }, 'dòng', 'cột "Số liệu" của tiêu chí 1.3.2 ghi "hai cuộc", không phải là số.'],
    ['a figure for a criterion not scored from one', { '1.1.1': { self: 1, figure: 50 } }, 'dòng', 'tiêu chí 1.1.1 không chấm theo số liệu; số liệu ở dòng này không được dùng.'],
  ])('reports %s, naming the file and row, and does not use it', async (_label, rows, where, message) => {
    const { report, findings } = await reportWith(rows);
    const code = Object.keys(rows)[0]!;
    expect(report!.claims.find((c) => c.criterion === code)?.figure).toBeUndefined();
    const finding = findings.find((f) => f.criterion === code && f.rule === 'report-format');
    expect(finding?.reason).toContain(where);
    expect(finding?.reason).toContain(message);
    expect(finding?.effect).toBe('review');
  });
});
