import { describe, expect, it } from 'vitest';
import { reading, record, runRule } from './support/factory.js';

const corrected = (action: 'confirm' | 'correct', previous = { number: '30a/KH-SXD', date: '2021-01-04', source: 'ocr' as const, confidence: 0.6 }, file = 'hieu-chinh-SXD.json', line = 2) =>
  record('1.1', 'kh.pdf', reading('30/KH-SXD', '2021-01-04', { source: 'person', correction: { action, by: 'Vũ Thị Hạnh', at: '2021-12-01T08:30:00Z', file, line, previous } }));

describe('person-correction: the minutes say who settled a reading', () => {
  it.each([
    { name: 'a correction → info quoting what the reader had read', ev: corrected('correct'), says: 'Tệp "kh.pdf" (trang 1): số 30/KH-SXD ngày 04/01/2021 do Vũ Thị Hạnh ngày 01/12/2021 (tệp hiệu chỉnh hieu-chinh-SXD.json, mục 2) hiệu chỉnh (máy đọc: số 30a/KH-SXD, ngày 04/01/2021).' },
    { name: 'a confirmation → info', ev: corrected('confirm'), says: 'do Vũ Thị Hạnh ngày 01/12/2021 (tệp hiệu chỉnh hieu-chinh-SXD.json, mục 2) xác nhận đúng.' },
    { name: 'a row of a workbook is cited as its row (dòng), as its rejection would be', ev: corrected('correct', undefined, 'kiem-tra.xlsx', 7), says: 'do Vũ Thị Hạnh ngày 01/12/2021 (tệp hiệu chỉnh kiem-tra.xlsx, dòng 7) hiệu chỉnh' },
    { name: 'a reading nobody touched → nothing', ev: record('1.1', 'kh.pdf', reading('30/KH-SXD', '2021-01-04')), says: '' },
  ])('$name', ({ ev, says }) => {
    const reports = runRule('person-correction', { evidence: [ev] });
    expect(reports.map((r) => r.effect)).toEqual(says ? ['info'] : []);
    if (says) expect(reports[0]!.reason).toContain(says);
  });
});

describe('conflicting-corrections: no silent choice between people', () => {
  it('two corrections that disagree → review naming both', () => {
    const ev = record('1.1', 'kh.pdf', reading('30a/KH-SXD', '2021-01-04', {
      correctionConflict: [
        { by: 'Vũ Thị Hạnh', at: '2021-12-01T08:30:00Z', file: 'a.json', line: 1, number: '30/KH-SXD', date: '2021-01-04' },
        { by: 'Nguyễn Văn An', at: '2021-12-02T09:00:00Z', file: 'b.json', line: 4, number: '31/KH-SXD', date: '2021-01-04' },
      ],
    }));
    const reports = runRule('conflicting-corrections', { evidence: [ev] });
    expect(reports.map((r) => r.effect)).toEqual(['review']);
    expect(reports[0]!.reason).toBe('Các hiệu chỉnh cho tệp "kh.pdf" (trang 1) mâu thuẫn nhau (Vũ Thị Hạnh ngày 01/12/2021 (tệp hiệu chỉnh a.json, mục 1): số 30/KH-SXD, ngày 04/01/2021; Nguyễn Văn An ngày 02/12/2021 (tệp hiệu chỉnh b.json, mục 4): số 31/KH-SXD, ngày 04/01/2021); không hiệu chỉnh nào được áp dụng, đề nghị Hội đồng thẩm định xem bản gốc và quyết định.');
  });

  it('no conflict → nothing', () => {
    expect(runRule('conflicting-corrections', { evidence: [record('1.1', 'kh.pdf', reading('30/KH-SXD', '2021-01-04'))] })).toEqual([]);
  });
});
