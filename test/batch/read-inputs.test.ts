import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseBatch } from '../../pipeline/batch/load-batch.js';
import { readBatchInputs } from '../../pipeline/batch/read-inputs.js';
import { batchYaml } from '../helpers/batch-yaml.js';
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

  it('turns bad rows and missing files into batch findings and keeps the good rows', async () => {
    const dir = await tempDir();
    await sheet(dir, 'adj.xlsx', [['Mã đơn vị', 'Loại', 'Điểm'], ['STP', 'Khen', 1], ['SXX', 'Thưởng', 1], ['STP', 'Thưởng', 2]]);
    const batch = parseBatch(parse(batchYaml({ inputs: { adjustments: 'adj.xlsx', survey: 'khong-co.xlsx' } })), dir);
    const inputs = await readBatchInputs(batch);
    expect(inputs.adjustments).toEqual([{ unit: 'STP', kind: 'bonus', points: 2, reason: '' }]);
    expect(inputs.findings.map((f) => f.reason)).toEqual([
      'Không tìm thấy tệp khong-co.xlsx khai báo trong batch.yaml.',
      'adj.xlsx, dòng 2: cần "Loại" là Thưởng hoặc Trừ và "Điểm" là số không âm.',
      'adj.xlsx, dòng 3: mã đơn vị "SXX" không có trong batch.yaml; dòng này bị bỏ qua.',
    ]);
  });
});
