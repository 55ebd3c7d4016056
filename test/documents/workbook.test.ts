import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBatchInputs } from '../../pipeline/batch/read-inputs.js';
import { renderWorkbook, SHEETS } from '../../pipeline/documents/workbook.js';
import { batch, context } from './fixture.js';

const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);
const rows = (ws: ExcelJS.Worksheet) => Array.from({ length: ws.rowCount - 1 }, (_, i) => values(ws, i + 2));

describe('results workbook (XLSX)', () => {
  let wb: ExcelJS.Workbook;
  let data: Buffer;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-workbook-'));
  beforeAll(async () => {
    data = await renderWorkbook(context());
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has the sheets Xếp hạng, Tổng hợp, Phát hiện, Tài liệu', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Xếp hạng', 'Tổng hợp', 'Phát hiện', 'Tài liệu']);
  });

  it('freezes the header row, filters it, prints A4 landscape with the header row repeated, highlights flags', () => {
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '1:1' });
      expect(ws.getRow(1).font?.bold ?? ws.getCell('A1').font?.bold).toBe(true);
    }
  });

  it('highlights zeros and flags with conditional formatting on every sheet', () => {
    const entries = unzipSync(data);
    const sheets = [1, 2, 3, 4].map((n) => new TextDecoder().decode(entries[`xl/worksheets/sheet${n}.xml`]));
    for (const xml of sheets) expect(xml).toContain('<conditionalFormatting');
    expect(sheets[0]).toContain('Chưa thẩm định được');
    expect(sheets[1]).toContain('$K2=0');
    expect(sheets[1]).toContain('Chấm 0 điểm');
    expect(sheets[3]).toContain('$L2=&quot;Có&quot;');
  });

  it('Xếp hạng ranks each group and lists units that could not be appraised, unranked, with the reason', () => {
    const ws = wb.getWorksheet(SHEETS.ranking)!;
    const header = values(ws, 1);
    const at = (label: string) => header.indexOf(label);
    const table = rows(ws);
    expect(table.map((r) => [r[at('Hạng')] ?? null, r[at('Mã đơn vị')]])).toEqual([[1, 'STP'], [2, 'SXD'], [3, 'SYT'], [null, 'SGTVT']]);
    const syt = table[2]!;
    expect(syt[at('Chỉ số (%)')]).toBe(90);
    expect(syt[at('Xếp loại')]).toBe('Tốt');
    expect(syt[at('Lĩnh vực 2 (%)')]).toBe(57.14);
    expect(String(syt[at('Ghi chú')])).toContain('Hạ từ Xuất sắc xuống Tốt: lĩnh vực 2 đạt 57,14% (dưới 70%).');
    expect(String(table[1]![at('Ghi chú')])).toContain('Cùng chỉ số với Sở Y tế; xếp theo điểm các tiêu chí 2.1: 2 điểm.');
    const sgtvt = table[3]!;
    expect(sgtvt[at('Xếp loại')]).toBe('Chưa thẩm định được');
    expect(sgtvt[at('Chỉ số (%)')]).toBeUndefined();
    expect(String(sgtvt[at('Ghi chú')])).toContain('không đọc được tệp Excel');
    expect(ws.getColumn(at('Chỉ số (%)') + 1).numFmt).toBe('0.00');
  });

  it('Tổng hợp has one row per appraised unit and criterion, self vs appraised, with the council columns first', () => {
    const ws = wb.getWorksheet(SHEETS.summary)!;
    const header = values(ws, 1);
    expect(header.slice(0, 4)).toEqual(['Mã đơn vị', 'Mã tiêu chí', 'Điểm Hội đồng', 'Ghi chú Hội đồng']);
    const at = (label: string) => header.indexOf(label);
    const table = rows(ws);
    expect(table).toHaveLength(3 * 6);
    expect(table.some((r) => r[0] === 'SGTVT')).toBe(false);
    const sxd = (code: string) => table.find((r) => r[0] === 'SXD' && r[1] === code)!;
    expect(sxd('1.1.1')[at('Tự đánh giá')]).toBe(1);
    expect(sxd('1.1.1')[at('Kết quả thẩm định')]).toBe(0);
    expect(sxd('1.1.1')[at('Chênh lệch')]).toBe(-1);
    expect(sxd('1.1.1')[at('Tác động')]).toBe('Chấm 0 điểm');
    expect(sxd('1.1.1')[at('Tài liệu kiểm chứng')]).toBe('ke-hoach-cchc-2021.pdf');
    expect(sxd('2.1')[2]).toBeUndefined();
    // A decision the council already took stays in its columns, so the workbook can be re-imported as it is.
    expect(sxd('1.2').slice(2, 4)).toEqual([1.25, 'Chấp nhận một phần giải trình <b>do dịch</b>']);
    expect(sxd('1.2')[at('Đề xuất theo quy tắc')]).toBe(1.5);
    expect(ws.getCell('C2').dataValidation).toMatchObject({ type: 'decimal', operator: 'between' });
  });

  it('Phát hiện lists every finding with unit, criterion, file, page, rule and reason', () => {
    const ws = wb.getWorksheet(SHEETS.findings)!;
    expect(values(ws, 1)).toEqual(['Mã đơn vị', 'Đơn vị', 'Mã tiêu chí', 'Tệp', 'Trang', 'Quy tắc', 'Tác động', 'Lý do']);
    const table = rows(ws);
    expect(table).toHaveLength(5);
    // The rule's Vietnamese name stands beside its id: English never stands alone.
    const suffixed = table.find((r) => r[5] === 'Số văn bản kèm chữ (suffixed-number)')!;
    expect(suffixed.slice(0, 7)).toEqual([
      'SXD', 'Sở Xây dựng', '1.1.1', 'units/SXD/evidence/1.1.1/ke-hoach-cchc-2021.pdf', 1, 'Số văn bản kèm chữ (suffixed-number)', 'Chấm 0 điểm',
    ]);
    expect(table.some((r) => r[5] === 'Tệp đầu vào của đợt (input-format)' && r[0] === undefined)).toBe(true);
  });

  it('Tài liệu lists every evidence file with its number, date, source and confidence', () => {
    const ws = wb.getWorksheet(SHEETS.evidence)!;
    const header = values(ws, 1);
    const at = (label: string) => header.indexOf(label);
    const table = rows(ws);
    expect(table).toHaveLength(4);
    const row = table.find((r) => r[at('Số văn bản')] === '30a/KH-SXD')!;
    expect(row[at('Mã tiêu chí')]).toBe('1.1.1');
    expect(row[at('Số có chữ cái')]).toBe('Có');
    expect(row[at('Nguồn')]).toBe('Lớp chữ');
    expect(row[at('Độ tin cậy')]).toBe(1);
    expect((row[at('Ngày văn bản')] as Date).toISOString().slice(0, 10)).toBe('2021-01-20');
    expect(ws.getColumn(at('Ngày văn bản') + 1).numFmt).toBe('dd/mm/yyyy');
    const blank = table.find((r) => r[at('Tệp')] === 'bao-cao-ket-qua-cchc.pdf')!;
    expect(blank[at('Số để trống')]).toBe('Có');
  });

  it('Tài liệu names a file stored with a decomposed (NFD) name by its NFC name and gives its path as on disk', async () => {
    const base = context();
    const nfd = 'units/STP/evidence/1.1.1/Kế hoạch 32-KH-STP.pdf'.normalize('NFD');
    const units = base.result.units.map((u) => u.code !== 'STP' ? u : {
      ...u, evidence: u.evidence.map((e) => (e.file.startsWith('units/STP/evidence/1.1.1/') ? { ...e, diskPath: nfd } : e)),
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await renderWorkbook({ ...base, result: { ...base.result, units } }) as unknown as ArrayBuffer);
    const ws = book.getWorksheet(SHEETS.evidence)!;
    const header = values(ws, 1);
    const at = (label: string) => header.indexOf(label);
    const row = rows(ws).find((r) => r[at('Số văn bản')] === '32/KH-STP')!;
    expect(row[at('Tệp')]).toBe('Kế hoạch 32-KH-STP.pdf'.normalize('NFC'));
    expect(row[at('Đường dẫn')]).toBe(nfd);
    expect(rows(ws).find((r) => r[at('Số văn bản')] === '186/BC-STP')![at('Đường dẫn')]).toBe('units/STP/evidence/1.1.2/Báo cáo 186-BC-STP.pdf');
  });

  it('Tài liệu says "Cần người đọc", highlighted, for a file opened but with nothing of its number and date read', async () => {
    const base = context();
    const units = base.result.units.map((u) => u.code !== 'SXD' ? u : {
      ...u,
      evidence: u.evidence.map((e) => e.file.endsWith('bao-cao-ket-qua-cchc.pdf')
        ? { ...e, source: null, number: null, numeral: null, typeCode: null, issuerCode: null, date: null, blankNumber: false, confidence: 0, scanned: true }
        : e),
    });
    const book = new ExcelJS.Workbook();
    const bytes = await renderWorkbook({ ...base, result: { ...base.result, units } });
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = book.getWorksheet(SHEETS.evidence)!;
    const header = values(ws, 1);
    const at = (label: string) => header.indexOf(label);
    const status = (name: string) => rows(ws).find((r) => r[at('Tệp')] === name)![at('Trạng thái')];
    expect(status('bao-cao-ket-qua-cchc.pdf')).toBe('Cần người đọc');
    expect(status('ke-hoach-cchc-2021.pdf')).toBe('Đọc được');
    expect(new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet4.xml'])).toContain('$D2=&quot;Cần người đọc&quot;');
  });

  it('the secretariat fills "Điểm Hội đồng" and batch.yaml inputs.councilDecisions reads the edited workbook back', async () => {
    const edited = new ExcelJS.Workbook();
    await edited.xlsx.load(data as unknown as ArrayBuffer);
    const ws = edited.getWorksheet(SHEETS.summary)!;
    const target = rows(ws).findIndex((r) => r[0] === 'SYT' && r[1] === '2.2') + 2;
    ws.getCell(target, 3).value = 1.5;
    ws.getCell(target, 4).value = 'Chấp nhận giải trình';
    const file = path.join(dir, 'ket-qua-tham-dinh.xlsx');
    await edited.xlsx.writeFile(file);

    const inputs = await readBatchInputs({ ...batch, inputs: { councilDecisions: file } });
    expect(inputs.councilDecisions).toContainEqual(expect.objectContaining({ unit: 'SYT', criterion: '2.2', score: 1.5 }));
    expect(inputs.councilDecisions).toContainEqual(expect.objectContaining({ unit: 'SXD', criterion: '1.2', score: 1.25 }));
  });
});
