import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseBatch } from '../../pipeline/batch/load-batch.js';
import { readBatchInputs } from '../../pipeline/batch/read-inputs.js';
import { batchYaml } from '../helpers/batch-yaml.js';
import { encryptedXlsx, xlsWorkbook } from '../helpers/office-files.js';
import { tempDir } from '../helpers/temp.js';

async function sheet(dir: string, name: string, rows: unknown[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Trang 1');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path.join(dir, name));
}

describe('readBatchInputs', () => {
  it('reads survey points, bonus and penalty, and council decisions', async () => {
    const dir = await tempDir();
    await sheet(dir, 'survey.xlsx', [['Mã đơn vị', 'Mã tiêu chí', 'Điểm'], ['STP', '8.1', 3.6], ['STP', '8.2', '3,2']]);
    await sheet(dir, 'adj.xlsx', [['Mã đơn vị', 'Loại', 'Điểm', 'Lý do'], ['STP', 'Thưởng', 1, 'Sáng kiến'], ['STP', 'trừ', 0.5, 'Chậm báo cáo']]);
    await sheet(dir, 'council.xlsx', [['Mã đơn vị', 'Mã tiêu chí', 'Điểm thẩm định', 'Ghi chú'], ['STP', '2.3.1', 0.5, 'Chấp nhận một phần']]);
    const batch = parseBatch(parse(batchYaml({ inputs: { survey: 'survey.xlsx', adjustments: 'adj.xlsx', councilDecisions: 'council.xlsx' } })), dir);
    const inputs = await readBatchInputs(batch);
    expect(inputs.findings).toEqual([]);
    expect([...inputs.survey.get('STP')!]).toEqual([['8.1', 3.6], ['8.2', 3.2]]);
    expect(inputs.adjustments).toEqual([
      { unit: 'STP', kind: 'bonus', points: 1, reason: 'Sáng kiến' },
      { unit: 'STP', kind: 'penalty', points: 0.5, reason: 'Chậm báo cáo' },
    ]);
    expect(inputs.councilDecisions).toEqual([{ unit: 'STP', criterion: '2.3.1', score: 0.5, note: 'Chấp nhận một phần' }]);
  });

  it('a survey or bonus workbook with its table on two sheets: the sheet named for the year is used; with no year to go by, neither is, and the ranking is provisional', async () => {
    const dir = await tempDir();
    const twoSheets = async (name: string, names: [string, string], rows: [unknown[][], unknown[][]]) => {
      const wb = new ExcelJS.Workbook();
      names.forEach((n, i) => {
        const ws = wb.addWorksheet(n);
        for (const r of rows[i]!) ws.addRow(r);
      });
      await wb.xlsx.writeFile(path.join(dir, name));
    };
    const header = ['Mã đơn vị', 'Mã tiêu chí', 'Điểm'];
    const lastYear = [header, ['STP', '8.1', 1.8]];
    const thisYear = [header, ['STP', '8.1', 3.6]];
    const year = (parse(batchYaml()) as { year: number }).year;
    // Last year's sheet first, as a clerk who copied it in keeps it.
    await twoSheets('named.xlsx', [`Năm ${year - 1}`, `Năm ${year}`], [lastYear, thisYear]);
    await twoSheets('unnamed.xlsx', [`Năm ${year - 1}`, 'Điều tra XHH'], [lastYear, thisYear]);
    const named = await readBatchInputs(parseBatch(parse(batchYaml({ inputs: { survey: 'named.xlsx' } })), dir));
    expect([...named.survey.get('STP')!]).toEqual([['8.1', 3.6]]);
    expect(named.errors).toEqual([]);
    expect(named.findings.map((f) => f.reason)).toEqual([expect.stringContaining(`trang "Năm ${year}" ghi năm ${year} nên được dùng`)]);
    const unnamed = await readBatchInputs(parseBatch(parse(batchYaml({ inputs: { survey: 'unnamed.xlsx' } })), dir));
    expect(unnamed.survey.size).toBe(0);
    expect(unnamed.errors).toEqual([expect.objectContaining({ input: 'survey', file: 'unnamed.xlsx' })]);
    expect(unnamed.findings).toEqual([expect.objectContaining({ effect: 'review', reason: expect.stringContaining(`có 2 trang tính cùng mẫu bảng ("Năm ${year - 1}", "Điều tra XHH") và không trang nào ghi riêng năm ${year}`) })]);
  });

  it('accepts the council columns of the results workbook ("Điểm Hội đồng") re-imported', async () => {
    const dir = await tempDir();
    await sheet(dir, 'ket-qua.xlsx', [
      ['Mã đơn vị', 'Mã tiêu chí', 'Tiêu chí', 'Điểm thẩm định', 'Điểm Hội đồng', 'Ghi chú Hội đồng'],
      ['STP', '1.1.1', 'Ban hành kế hoạch', 1, 0.5, 'Ban hành muộn'],
      ['STP', '1.1.2', 'Mức độ hoàn thành', 2, null, null],
    ]);
    const batch = parseBatch(parse(batchYaml({ inputs: { councilDecisions: 'ket-qua.xlsx' } })), dir);
    const inputs = await readBatchInputs(batch);
    expect(inputs.councilDecisions).toEqual([{ unit: 'STP', criterion: '1.1.1', score: 0.5, note: 'Ban hành muộn' }]);
  });

  it('a criterion the council decided twice: the same way → counted once and said; two ways → neither counts, a review finding names both rows', async () => {
    const dir = await tempDir();
    await sheet(dir, 'ket-luan.xlsx', [
      ['Mã đơn vị', 'Mã tiêu chí', 'Điểm thẩm định', 'Ghi chú'],
      ['STP', '2.3.1', 0.5, ''], ['STP', '1.1.1', 'KAD', ''], ['STP', '1.1.1', 'kad', ''], ['STP', '2.3.1', 1, 'mâu thuẫn'],
    ]);
    const batch = parseBatch(parse(batchYaml({ inputs: { councilDecisions: 'ket-luan.xlsx' } })), dir);
    const inputs = await readBatchInputs(batch);
    expect(inputs.councilDecisions).toEqual([{ unit: 'STP', criterion: '1.1.1', score: 0, note: '', notApplicable: true }]);
    expect(inputs.findings.map((f) => [f.effect, f.unit, f.criterion ?? null, f.reason])).toEqual([
      ['review', 'STP', '2.3.1', 'ket-luan.xlsx: đơn vị STP, tiêu chí 2.3.1 có 2 dòng điểm Hội đồng khác nhau (dòng 2: 0,5 điểm; dòng 5: 1 điểm); không dòng nào được tính cho đến khi tệp kết luận được sửa, chỉ giữ một dòng.'],
      ['info', 'STP', null, 'ket-luan.xlsx, dòng 4: trùng với dòng 3 (đơn vị STP, tiêu chí 1.1.1, cùng KAD); điểm Hội đồng được tính một lần.'],
    ]);
  });

  it('turns bad rows and missing files into batch findings and keeps the good rows', async () => {
    const dir = await tempDir();
    await sheet(dir, 'adj.xlsx', [['Mã đơn vị', 'Loại', 'Điểm'], ['STP', 'Khen', 1], ['SXX', 'Thưởng', 1], ['STP', 'Thưởng', 2]]);
    const batch = parseBatch(parse(batchYaml({ inputs: { adjustments: 'adj.xlsx', survey: 'khong-co.xlsx' } })), dir);
    const inputs = await readBatchInputs(batch);
    expect(inputs.adjustments).toEqual([{ unit: 'STP', kind: 'bonus', points: 2, reason: '' }]);
    expect(inputs.errors).toEqual([
      { input: 'survey', file: 'khong-co.xlsx', reason: 'chưa có kết quả điều tra xã hội học: không tìm thấy tệp khong-co.xlsx khai báo trong batch.yaml' },
    ]);
    expect(inputs.findings.map((f) => f.reason)).toEqual([
      'Chưa có kết quả điều tra xã hội học: không tìm thấy tệp khong-co.xlsx khai báo trong batch.yaml; kết quả xếp hạng chưa phải là kết quả cuối cùng.',
      'adj.xlsx, dòng 2: cần "Loại" là Thưởng hoặc Trừ và "Điểm" là số không âm.',
      'adj.xlsx, dòng 3: mã đơn vị "SXX" không có trong batch.yaml; dòng này bị bỏ qua.',
    ]);
  });

  // Issue 12, item 1: an input workbook that exists but cannot be read is a run-level error, never
  // an info finding quoting an English library error.
  it.each([
    ['an Excel 97–2003 file (.xls saved as dieu-tra.xlsx)', () => xlsWorkbook(), 'đây là tệp Excel 97–2003 (.xls), chương trình chỉ đọc định dạng .xlsx: cần mở bằng Excel, chọn Tệp › Lưu thành (Save As), kiểu "Sổ làm việc Excel (*.xlsx)", rồi chạy lại'],
    ['a password-protected .xlsx', () => encryptedXlsx(), 'tệp Excel được đặt mật khẩu (mã hóa): cần gỡ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu lại dạng .xlsx'],
    ['another program\'s HTML export named .xlsx', () => Buffer.from('<html><table><tr><td>Mã đơn vị</td></tr></table></html>'), 'đây là trang web (HTML) đặt đuôi .xlsx, do một phần mềm khác xuất ra: cần mở bằng Excel, chọn Tệp › Lưu thành (Save As), kiểu "Sổ làm việc Excel (*.xlsx)", rồi chạy lại'],
  ])('a survey workbook that is %s: run-level error in Vietnamese', async (_name, bytes, why) => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'dieu-tra.xlsx'), bytes());
    const batch = parseBatch(parse(batchYaml({ inputs: { survey: 'dieu-tra.xlsx' } })), dir);
    const inputs = await readBatchInputs(batch);
    expect(inputs.errors).toEqual([{ input: 'survey', file: 'dieu-tra.xlsx', reason: `chưa có kết quả điều tra xã hội học: tệp dieu-tra.xlsx không đọc được (${why})` }]);
    expect(inputs.findings[0]).toMatchObject({ rule: 'input-format', effect: 'review', file: 'dieu-tra.xlsx' });
    expect(JSON.stringify(inputs)).not.toMatch(/central directory|can't find|end of data|invalid signature/iu);
  });

  it('council decisions the workbook cannot open are a run-level error too', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'ket-luan.xlsx'), xlsWorkbook());
    const batch = parseBatch(parse(batchYaml({ inputs: { councilDecisions: 'ket-luan.xlsx' } })), dir);
    const inputs = await readBatchInputs(batch);
    expect(inputs.errors.map((e) => e.reason)).toEqual([
      'chưa có kết luận của Hội đồng thẩm định: tệp ket-luan.xlsx không đọc được (đây là tệp Excel 97–2003 (.xls), chương trình chỉ đọc định dạng .xlsx: cần mở bằng Excel, chọn Tệp › Lưu thành (Save As), kiểu "Sổ làm việc Excel (*.xlsx)", rồi chạy lại)',
    ]);
  });

  // Issue 12, item 2: formulas saved without their result.
  it('computes a survey point saved as a formula without its cached result (=SUM, constants)', async () => {
    const dir = await tempDir();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Trang 1');
    ws.addRow(['Mã đơn vị', 'Mã tiêu chí', 'Điểm', 'Thành phần 1', 'Thành phần 2']);
    ws.addRow(['STP', '8.1', null, 1.25, 2.5]);
    ws.addRow(['STP', '8.2', null]);
    ws.getCell('C2').value = { formula: 'SUM(D2:E2)' } as ExcelJS.CellFormulaValue;
    ws.getCell('C3').value = { formula: '=3.2' } as ExcelJS.CellFormulaValue;
    await wb.xlsx.writeFile(path.join(dir, 'survey.xlsx'));
    const batch = parseBatch(parse(batchYaml({ inputs: { survey: 'survey.xlsx' } })), dir);
    const inputs = await readBatchInputs(batch);
    expect([...inputs.survey.get('STP')!]).toEqual([['8.1', 3.75], ['8.2', 3.2]]);
    expect(inputs.findings).toEqual([]);
  });

  it('names the cell of a formula it cannot compute and of an error value (#DIV/0!)', async () => {
    const dir = await tempDir();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Trang 1');
    ws.addRow(['Mã đơn vị', 'Mã tiêu chí', 'Điểm']);
    ws.addRow(['STP', '8.1', null]);
    ws.addRow(['STP', '8.2', null]);
    ws.getCell('C2').value = { formula: 'VLOOKUP(A2,Nguon!A:B,2,0)' } as ExcelJS.CellFormulaValue;
    ws.getCell('C3').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    await wb.xlsx.writeFile(path.join(dir, 'survey.xlsx'));
    const batch = parseBatch(parse(batchYaml({ inputs: { survey: 'survey.xlsx' } })), dir);
    const inputs = await readBatchInputs(batch);
    const reasons = inputs.findings.map((f) => f.reason);
    expect(reasons).toContain('survey.xlsx, trang "Trang 1", ô C2: ô chứa công thức =VLOOKUP(A2,Nguon!A:B,2,0) nhưng tệp không lưu kết quả tính (tệp do phần mềm khác tạo); cần mở bằng Excel, để Excel tính lại rồi lưu; dòng 2 bị bỏ qua.');
    expect(reasons).toContain('survey.xlsx, trang "Trang 1", ô C3: ô có lỗi #DIV/0!; dòng 3 bị bỏ qua.');
  });

  describe('survey rows are checked against the unit\'s framework: none dropped or overridden in silence', () => {
    const criteria = { STP: { survey: ['8.1', '8.2'], known: ['1.1', '1.1.1', '8', '8.1', '8.2'], surveyMax: { '8.1': 4, '8.2': 4 } } };
    const read = async (rows: unknown[][]) => {
      const dir = await tempDir();
      await sheet(dir, 'survey.xlsx', [['Mã đơn vị', 'Mã tiêu chí', 'Điểm'], ...rows]);
      return readBatchInputs(parseBatch(parse(batchYaml({ inputs: { survey: 'survey.xlsx' } })), dir), criteria);
    };

    it('two rows for STP 8.1 with different points: neither counts, one review finding names both rows', async () => {
      const inputs = await read([['STP', '8.1', 3.6], ['STP', '8.2', 3.2], ['STP', '8.1', 2.9]]);
      expect([...inputs.survey.get('STP')!]).toEqual([['8.2', 3.2]]);
      expect(inputs.findings).toEqual([{
        rule: 'input-format', effect: 'review', unit: 'STP', criterion: '8.1', file: 'survey.xlsx',
        reason: 'survey.xlsx: đơn vị STP, tiêu chí 8.1 có 2 dòng điểm điều tra khác nhau (dòng 2: 3,6 điểm; dòng 4: 2,9 điểm); không dòng nào được tính cho đến khi bảng điều tra được sửa, chỉ giữ một dòng.',
      }]);
    });

    it('99 points on a 4-point survey criterion is a slip, not full marks: not counted, one review finding on the criterion', async () => {
      const inputs = await read([['STP', '8.1', 99], ['STP', '8.2', 4]]);
      expect([...inputs.survey.get('STP')!]).toEqual([['8.2', 4]]);
      expect(inputs.findings).toEqual([{
        rule: 'input-format', effect: 'review', unit: 'STP', criterion: '8.1', file: 'survey.xlsx',
        reason: 'survey.xlsx, dòng 2: điểm điều tra 99 của tiêu chí 8.1 (đơn vị STP) vượt điểm tối đa 4 điểm, có thể nhập nhầm (ví dụ tỷ lệ %); dòng này không được tính cho đến khi bảng điều tra được sửa.',
      }]);
    });

    it('a row repeated with the same points counts once, and the repeat is named', async () => {
      const inputs = await read([['STP', '8.1', 3.6], ['STP', '8.1', '3,6']]);
      expect([...inputs.survey.get('STP')!]).toEqual([['8.1', 3.6]]);
      expect(inputs.findings.map((f) => f.reason)).toEqual(['survey.xlsx, dòng 3: trùng với dòng 2 (đơn vị STP, tiêu chí 8.1, cùng 3,6 điểm); điểm được tính một lần.']);
    });

    it('a row for a criterion that is not a survey criterion (1.1.1) or not in the framework (9.9) is a finding, its points not counted', async () => {
      const inputs = await read([['STP', '1.1.1', 1], ['STP', '9.9', 2], ['STP', '8.1', 3]]);
      expect([...inputs.survey.get('STP')!]).toEqual([['8.1', 3]]);
      expect(inputs.findings.map((f) => f.reason)).toEqual([
        'survey.xlsx, dòng 2: tiêu chí 1.1.1 không phải tiêu chí đánh giá qua điều tra xã hội học trong bộ chỉ số của đơn vị STP; điểm 1 của dòng này không được tính (các tiêu chí điều tra: 8.1, 8.2).',
        'survey.xlsx, dòng 3: mã tiêu chí "9.9" không có trong bộ chỉ số của đơn vị STP; điểm 2 của dòng này không được tính (các tiêu chí điều tra: 8.1, 8.2).',
      ]);
    });
  });
});

