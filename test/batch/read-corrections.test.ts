// Corrections files saved from the audit pages: each entry checked on its own, problems reported
// per entry in Vietnamese naming the file, the rest kept.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { parseCorrections, readCorrectionsWorkbook } from '../../pipeline/batch/read-corrections.js';
import { tempDir } from '../helpers/temp.js';

const SHA = 'a'.repeat(64);
const file = (corrections: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'cchc-corrections', version: 1, unit: 'SXD', by: 'Vũ Thị Hạnh', at: '2021-12-01T08:30:00Z', corrections, ...extra });

describe('parseCorrections', () => {
  it('reads a confirmation and a correction, each with who, when and where it came from', () => {
    const r = parseCorrections(file([
      { sha256: SHA, file: 'units/SXD/evidence/1.1.1/kh.pdf', action: 'confirm' },
      { sha256: 'B'.repeat(64), action: 'correct', numeral: '30', symbol: 'KH-SXD', day: 4, month: 1, year: 2021, by: 'Nguyễn Văn An' },
    ]), 'hieu-chinh-SXD.json');
    expect(r.findings).toEqual([]);
    expect(r.entries).toEqual([
      { sha256: SHA, unit: 'SXD', file: 'units/SXD/evidence/1.1.1/kh.pdf', action: 'confirm', by: 'Vũ Thị Hạnh', at: '2021-12-01T08:30:00Z', source: 'hieu-chinh-SXD.json', line: 1 },
      { sha256: 'b'.repeat(64), unit: 'SXD', file: null, action: 'correct', numeral: '30', symbol: 'KH-SXD', day: 4, month: 1, year: 2021, by: 'Nguyễn Văn An', at: '2021-12-01T08:30:00Z', source: 'hieu-chinh-SXD.json', line: 2 },
    ]);
  });

  it("keeps what the audit page showed with a confirmation (its number and date), so a reading since changed is not confirmed", () => {
    const r = parseCorrections(file([
      { sha256: SHA, action: 'confirm', number: '899/UBND-TTHC', date: null },
      { sha256: SHA, action: 'confirm', number: 899 },
    ]), 'hieu-chinh-SXD.json');
    expect(r.entries[0]?.shown).toEqual({ number: '899/UBND-TTHC', date: null });
    expect(r.entries).toHaveLength(1);
    expect(r.findings.map((f) => f.reason).join('\n')).toContain('mục 2: "number" là 899, cần số văn bản đã xác nhận (như "30/KH-SXD") hoặc null');
  });

  it.each([
    { name: 'a SHA-256 that is not one', entry: { sha256: 'abc', numeral: '30' }, says: 'mục 1: mã SHA-256 "abc" không hợp lệ' },
    { name: '31/02/2021 does not exist', entry: { sha256: SHA, day: 31, month: 2, year: 2021 }, says: 'mục 1: ngày 31/2/2021 không có thật' },
    { name: 'month 13', entry: { sha256: SHA, month: 13 }, says: 'mục 1: tháng 13 không hợp lệ (cần số nguyên từ 1 đến 12)' },
    { name: 'a day typed as words', entry: { sha256: SHA, day: 'mười' }, says: 'mục 1: ngày "mười" không hợp lệ' },
    { name: 'a numeral with a slash', entry: { sha256: SHA, numeral: '30/KH' }, says: 'mục 1: số "30/KH" không hợp lệ' },
    { name: 'nothing typed', entry: { sha256: SHA, action: 'correct' }, says: 'mục 1: không có số, ký hiệu, ngày, tháng hay năm nào được sửa' },
    { name: 'no action and nothing typed', entry: { sha256: SHA }, says: 'mục 1: không có số, ký hiệu, ngày, tháng hay năm nào được sửa (mục không có "action": muốn xác nhận giá trị đã đọc thì ghi "action": "confirm")' },
    { name: 'an unknown action', entry: { sha256: SHA, action: 'delete' }, says: 'mục 1: "action" là "delete"' },
    { name: 'not an object', entry: 42, says: 'mục 1: không phải một mục hiệu chỉnh' },
    { name: 'no SHA-256', entry: { action: 'confirm' }, says: 'mục 1: thiếu trường sha256 (mã SHA-256 của tệp)' },
    { name: 'a time that is not one', entry: { sha256: SHA, action: 'confirm', at: 'hôm qua' }, says: 'mục 1: thời điểm hiệu chỉnh "hôm qua" không hợp lệ' },
    { name: 'a day that no month has (Date.parse would take 31 February for 3 March)', entry: { sha256: SHA, action: 'confirm', at: '2021-02-31T10:00:00' }, says: 'mục 1: thời điểm hiệu chỉnh "2021-02-31T10:00:00" không hợp lệ' },
    { name: 'an hour past the day\'s last', entry: { sha256: SHA, action: 'confirm', at: '2021-12-01T24:30:00Z' }, says: 'mục 1: thời điểm hiệu chỉnh "2021-12-01T24:30:00Z" không hợp lệ' },
    { name: 'a unit other than the file\'s', entry: { sha256: SHA, action: 'confirm', unit: 'STP' }, says: 'mục 1: mục ghi đơn vị "STP", khác đơn vị của tệp ("SXD")' },
    { name: '31 February with no year', entry: { sha256: SHA, day: 31, month: 2 }, says: 'mục 1: ngày 31/2 không có thật' },
  ])('$name → reported, the next entry still applies', ({ entry, says }) => {
    const r = parseCorrections(file([entry, { sha256: SHA, action: 'confirm' }]), 'hieu-chinh-SXD.json');
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ rule: 'corrections-file', effect: 'info', unit: '' });
    expect(r.findings[0]!.reason).toContain(`Tệp hiệu chỉnh hieu-chinh-SXD.json, ${says}`);
    expect(r.findings[0]!.reason).toContain('mục này không được áp dụng');
    expect(r.entries.map((e) => e.line)).toEqual([2]);
  });

  it('an entry with several problems says every one, the impossible day among them even when the year is wrong too', () => {
    const r = parseCorrections(file([{ sha256: SHA, action: 'correct', numeral: 'abc', day: 31, month: 2, year: 3000 }]), 'hieu-chinh-SXD.json');
    expect(r.findings).toHaveLength(1);
    for (const part of ['số "abc" không hợp lệ', 'năm 3000 không hợp lệ', 'ngày 31/2 không có thật']) expect(r.findings[0]!.reason).toContain(part);
  });

  it('a file that is not JSON is one finding, in Vietnamese with the place; nothing from it applies', () => {
    const r = parseCorrections('{ "corrections": [', 'hieu-chinh-STP.json');
    expect(r.entries).toEqual([]);
    expect(r.findings.map((f) => f.reason)).toEqual(['Tệp hiệu chỉnh hieu-chinh-STP.json không phải JSON hợp lệ (tệp kết thúc giữa chừng (bị cắt cụt hoặc chưa ghi xong)); không hiệu chỉnh nào trong tệp này được áp dụng.']);
    const typo = parseCorrections('{\n  "by": "Vũ Thị Hạnh",\n  "corrections": [\n    {"sha256": "ab" "action": "confirm"}\n  ]\n}', 'hieu-chinh-STP.json');
    expect(typo.findings[0]!.reason).toContain('(lỗi cú pháp JSON ở dòng 4, cột 21)');
  });

  it('no person named anywhere → the entry is not applied', () => {
    const r = parseCorrections(file([{ sha256: SHA, action: 'confirm' }], { by: '' }), 'x.json');
    expect(r.findings[0]!.reason).toContain('mục 1: thiếu trường by (người hiệu chỉnh)');
  });

  it('a file of another format is refused as a whole', () => {
    const r = parseCorrections(file([{ sha256: SHA, action: 'confirm' }], { format: 'other' }), 'x.json');
    expect(r.entries).toEqual([]);
    expect(r.findings[0]!.reason).toContain('có "format" là "other"');
  });

  it('reports every problem of an entry at once, each named in plain Vietnamese', () => {
    const r = parseCorrections(file([{ sha256: 'abc', numeral: '30/KH', month: 13 }, { sha256: SHA, action: 'confirm' }], { at: undefined }), 'hieu-chinh-SXD.json');
    expect(r.findings.map((f) => f.reason)).toEqual([
      'Tệp hiệu chỉnh hieu-chinh-SXD.json, mục 1: mã SHA-256 "abc" không hợp lệ (cần 64 chữ số hệ mười sáu); thiếu trường at (thời điểm hiệu chỉnh); số "30/KH" không hợp lệ (cần chữ số, có thể kèm chữ cái như 30a); tháng 13 không hợp lệ (cần số nguyên từ 1 đến 12); mục này không được áp dụng.',
      'Tệp hiệu chỉnh hieu-chinh-SXD.json, mục 2: thiếu trường at (thời điểm hiệu chỉnh); mục này không được áp dụng.',
    ]);
    expect(r.entries).toEqual([]);
  });

  it('a version this program does not know is refused whole, naming the file', () => {
    const r = parseCorrections(file([{ sha256: SHA, action: 'confirm' }], { version: 2 }), 'hieu-chinh-SXD.json');
    expect(r.entries).toEqual([]);
    expect(r.findings.map((f) => f.reason)).toEqual([
      'Tệp hiệu chỉnh hieu-chinh-SXD.json có "version" là 2; chương trình này chỉ đọc tệp hiệu chỉnh có "version": 1 (do trang kiểm tra tài liệu lưu ra), nên không hiệu chỉnh nào trong tệp này được áp dụng. Hãy lưu lại tệp từ trang kiểm tra tài liệu của lần chạy này.',
    ]);
    // "1" typed as text is not the number 1, and the message says why rather than contradict itself.
    const text = parseCorrections(file([{ sha256: SHA, action: 'confirm' }], { version: '1' }), 'x.json');
    expect(text.entries).toEqual([]);
    expect(text.findings[0]!.reason).toContain('có "version" là "1" (chuỗi ký tự, không phải số); chương trình này chỉ đọc tệp hiệu chỉnh có "version": 1');
    expect(parseCorrections(file([{ sha256: SHA, action: 'confirm' }], { version: undefined }), 'x.json').entries).toHaveLength(1);
  });

  it('a batch-wide file: each entry carries its unit; one without a unit is reported and not applied', () => {
    const batchWide = JSON.stringify({ format: 'cchc-corrections', version: 1, batch: 'Hưng Yên 2021', by: 'Vũ Thị Hạnh', at: '2021-12-01T08:30:00Z', corrections: [
      { sha256: SHA, unit: 'STP', action: 'confirm' },
      { sha256: SHA, action: 'confirm' },
    ] });
    const r = parseCorrections(batchWide, 'hieu-chinh-hung-yen-2021.json');
    expect(r.entries.map((e) => [e.line, e.unit])).toEqual([[1, 'STP']]);
    expect(r.findings.map((f) => f.reason)).toEqual(['Tệp hiệu chỉnh hieu-chinh-hung-yen-2021.json, mục 2: thiếu trường unit (mã đơn vị); mục này không được áp dụng.']);
  });
});

describe('a confirmation\'s "date": as the pages write it or as the documents print it', () => {
  it.each([
    ['2024-01-15', '2024-01-15'],
    ['15/01/2024', '2024-01-15'],
    ['5/1/2024', '2024-01-05'],
  ])('%s → shown date %s', (date, iso) => {
    const r = parseCorrections(file([{ sha256: SHA, action: 'confirm', number: '12/KH-STC', date }]), 'hc.json');
    expect(r.findings).toEqual([]);
    expect(r.entries[0]?.shown).toEqual({ number: '12/KH-STC', date: iso });
  });

  it.each(['31/02/2024', '2024-1-15', 'hôm qua'])('%s is named as not a date, the entry not applied', (date) => {
    const r = parseCorrections(file([{ sha256: SHA, action: 'confirm', number: '12/KH-STC', date }]), 'hc.json');
    expect(r.entries).toEqual([]);
    expect(r.findings[0]?.reason).toContain(`"date" là ${JSON.stringify(date)}, cần ngày đã xác nhận dạng "2021-01-04" (hoặc "04/01/2021") có thật, hoặc null`);
  });
});

describe('readCorrectionsWorkbook: the results workbook\'s evidence sheet typed into', () => {
  async function sheetWith(rows: Array<Record<string, string>>): Promise<string> {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tài liệu');
    const header = ['Mã đơn vị', 'Đường dẫn', 'SHA-256', 'Xác nhận đúng', 'Số đúng', 'Ký hiệu đúng', 'Ngày đúng', 'Người hiệu chỉnh'];
    ws.addRow(header);
    for (const r of rows) ws.addRow(header.map((h) => r[h] ?? null));
    const file = path.join(await tempDir(), 'kiem-tra.xlsx');
    await wb.xlsx.writeFile(file);
    return file;
  }
  const row = { 'Mã đơn vị': 'STP', 'Đường dẫn': 'units/STP/evidence/1.1.2/bc.pdf', 'SHA-256': SHA, 'Người hiệu chỉnh': 'Bà B' };

  it('a row confirming ("x") and typing another number at once is contradictory: reported by its row, not applied; the other rows apply', async () => {
    const file = await sheetWith([{ ...row, 'Xác nhận đúng': 'x', 'Số đúng': '999' }, { ...row, 'Xác nhận đúng': 'x' }, { ...row, 'Số đúng': '187' }]);
    const r = await readCorrectionsWorkbook(file, 'kiem-tra.xlsx');
    expect(r.findings.map((f) => f.reason)).toEqual([
      'Tệp hiệu chỉnh kiem-tra.xlsx, trang "Tài liệu", dòng 2: vừa đánh dấu "Xác nhận đúng" vừa ghi số hoặc ngày đúng, không rõ là xác nhận giá trị đã đọc hay sửa; dòng này không được áp dụng (giữ một trong hai).',
    ]);
    expect(r.entries.map((e) => [e.line, e.action, e.numeral])).toEqual([[3, 'confirm', undefined], [4, 'correct', '187']]);
  });
});
