// A typed workbook cannot make the reader hold more than MAX_SHEET_ROWS rows per sheet: the rest is
// cut in the zip before exceljs builds anything, and the unit gets a finding saying what was left out.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readReport } from '../../pipeline/batch/read-report.js';
import { buildReportWorkbook } from '../../pipeline/batch/report-template.js';
import { boundWorkbook } from '../../pipeline/batch/xlsx-limits.js';
import { loadFramework } from '../../pipeline/framework/load-framework.js';
import type { Framework } from '../../pipeline/model.js';
import { tempDir } from '../helpers/temp.js';

let framework: Framework;
beforeAll(async () => {
  framework = await loadFramework('hung-yen-2021-so', process.cwd());
});

async function rowsOf(data: Uint8Array): Promise<number[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data) as unknown as ExcelJS.Buffer);
  const rows: number[] = [];
  wb.worksheets[0]!.eachRow((_row, n) => rows.push(n));
  return rows;
}

describe('boundWorkbook', () => {
  it('keeps the first rows of a sheet and says how many were dropped and where the data ended', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Tự đánh giá');
    for (let r = 1; r <= 50; r++) sheet.getRow(r).values = [`1.${r}`, r];
    sheet.getCell('A900').value = 'lạc';
    const bounded = boundWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), 20);
    expect(bounded.cut).toEqual([{ part: 'xl/worksheets/sheet1.xml', rowsDropped: 31, lastRow: 900 }]);
    expect(await rowsOf(bounded.data)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('returns a workbook within the bound byte for byte', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('A').getRow(1).values = ['x'];
    const data = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(boundWorkbook(data, 20)).toEqual({ data, cut: [], longCells: 0 });
  });
});

describe('a cell longer than Excel allows (32,767 characters)', () => {
  it('is cut to the limit before the workbook is parsed, never inside an entity, and counted', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('A');
    sheet.getCell('A1').value = `${'x'.repeat(32_766)}&${'y'.repeat(100_000)}`;
    sheet.getCell('A2').value = 'ngắn';
    const bounded = boundWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(bounded.longCells).toBe(1);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from(bounded.data) as unknown as ExcelJS.Buffer);
    expect(back.worksheets[0]!.getCell('A1').value).toBe('x'.repeat(32_766));
    expect(back.worksheets[0]!.getCell('A2').value).toBe('ngắn');
  });

  it('in a report\'s explanation: the finding names the sheet and the cell, and says to shorten it', async () => {
    const wb = buildReportWorkbook(framework, { claims: new Map([['1.1.1', { self: 1, explanation: 'Kế hoạch số 05/KH-STP. '.repeat(3_000) }]]) });
    const file = path.join(await tempDir(), 'report.xlsx');
    await writeFile(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const { findings } = await readReport(file, framework, 'STP', 'units/STP/report.xlsx');
    const row = wb.worksheets[0]!.getColumn(2).values.findIndex((v) => v === '1.1.1');
    expect(findings.map((f) => f.reason)).toContain(`Báo cáo units/STP/report.xlsx: trang tính "Tự đánh giá", ô H${row} có nội dung dài hơn 32.767 ký tự (giới hạn một ô của Excel), chỉ đọc 32.767 ký tự đầu (hãy rút gọn nội dung).`);
  });
});

describe('a report with a stray cell at row 1,048,576', () => {
  it('is read (the criteria rows) with a review finding naming the last row and the bound', async () => {
    const wb = buildReportWorkbook(framework, { claims: new Map([['1.1.1', { self: 1 }]]) });
    wb.worksheets[0]!.getCell('B1048576').value = 'x';
    const file = path.join(await tempDir(), 'report.xlsx');
    await writeFile(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const { report, findings } = await readReport(file, framework, 'STP');
    expect(report?.claims.length).toBeGreaterThan(50);
    const cut = findings.find((f) => f.reason.includes('giới hạn'));
    expect(cut?.effect).toBe('review');
    expect(cut?.reason).toContain('có dữ liệu đến dòng 1.048.576; chỉ đọc 5.000 dòng đầu (giới hạn), 1 dòng sau đó bị bỏ qua');
  });
});
