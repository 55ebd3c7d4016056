// The council's decisions come back in one of two ways: its own sheet ("Mã đơn vị", "Mã tiêu chí",
// "Điểm thẩm định", "Ghi chú"), or the results workbook re-imported with the "Điểm Hội đồng" and
// "Ghi chú Hội đồng" columns of its "Tổng hợp" sheet filled in.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBatchInputs } from '../../pipeline/batch/read-inputs.js';
import { testBatch } from '../rules/support/factory.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cchc-council-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function workbook(name: string, sheets: Record<string, Array<Array<string | number | null>>>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(sheet);
    for (const row of rows) ws.addRow(row);
  }
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const units = [{ code: 'SNV', name: 'Sở Nội vụ', group: 'so' }, { code: 'SXD', name: 'Sở Xây dựng', group: 'so' }];

describe('council decisions', () => {
  it('re-imported results workbook: only filled "Điểm Hội đồng" cells are decisions, never the proposal beside them', async () => {
    const file = await workbook('ket-qua-tham-dinh.xlsx', {
      'Xếp hạng': [['Nhóm', 'Hạng', 'Mã đơn vị', 'Đơn vị', 'Điểm thẩm định'], ['Sở', 1, 'SNV', 'Sở Nội vụ', 91]],
      'Tổng hợp': [
        ['Mã đơn vị', 'Mã tiêu chí', 'Tiêu chí', 'Điểm tối đa', 'Tự đánh giá', 'Điểm thẩm định', 'Điểm Hội đồng', 'Ghi chú Hội đồng'],
        ['SNV', '1.1.1', 'Ban hành kế hoạch', 1, 1, 0, 1, 'Đơn vị đã bổ sung bản ký số.'],
        ['SNV', '1.1.2', 'Mức độ hoàn thành', 2, 2, 2, null, null],
        ['SXD', '6.2', 'Tự chủ', 2, null, 0, 'KAD', 'Sở không có đơn vị sự nghiệp.'],
        ['SXD', '1.2', 'Báo cáo', 1.5, 1.5, 0, '1,5', null],
        ['SXD', '1.3.1', 'Kế hoạch kiểm tra', 0.5, 0.5, 0, 'nửa điểm', null],
        ['STC', '1.2', 'Báo cáo', 1.5, 1.5, 0, 1, null],
      ],
      'Phát hiện': [['Mã đơn vị', 'Mã tiêu chí', 'Tệp', 'Quy tắc', 'Lý do'], ['SNV', '1.1.1', 'a.pdf', 'suffixed-number', '…']],
    });
    const inputs = await readBatchInputs(testBatch({ units, inputs: { councilDecisions: file } }));
    expect(inputs.councilDecisions).toEqual([
      { unit: 'SNV', criterion: '1.1.1', score: 1, note: 'Đơn vị đã bổ sung bản ký số.' },
      { unit: 'SXD', criterion: '6.2', score: 0, note: 'Sở không có đơn vị sự nghiệp.', notApplicable: true },
      { unit: 'SXD', criterion: '1.2', score: 1.5, note: '' },
    ]);
    expect(inputs.findings.map((f) => f.reason)).toEqual([
      `${path.relative('/batch', file)}, dòng 6: điểm Hội đồng "nửa điểm" của tiêu chí 1.3.1 không hợp lệ (cần một số không âm, hoặc "KAD" nếu tiêu chí không áp dụng).`,
      `${path.relative('/batch', file)}, dòng 7: mã đơn vị "STC" không có trong batch.yaml; dòng này bị bỏ qua.`,
    ]);
  });

  it('the council\'s own sheet with "Điểm thẩm định" and "Ghi chú"', async () => {
    const file = await workbook('quyet-dinh-hoi-dong.xlsx', {
      'Quyết định Hội đồng': [
        ['Mã đơn vị', 'Mã tiêu chí', 'Điểm thẩm định', 'Ghi chú'],
        ['SNV', '7.5.3', 1.5, 'Chỉnh lý được 80% khối lượng.'],
        ['SNV', '7.5.2', null, null],
      ],
    });
    const inputs = await readBatchInputs(testBatch({ units, inputs: { councilDecisions: file } }));
    expect(inputs.councilDecisions).toEqual([{ unit: 'SNV', criterion: '7.5.3', score: 1.5, note: 'Chỉnh lý được 80% khối lượng.' }]);
    expect(inputs.findings).toEqual([]);
  });
});
