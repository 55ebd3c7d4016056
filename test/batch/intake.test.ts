// Issue 12: what a clerk's folder means. Each case is one way people really send a file, built as a
// small input, with the right reading as the assertion.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { discoverEvidence } from '../../pipeline/batch/discover-evidence.js';
import { findReport } from '../../pipeline/batch/find-report.js';
import { parseBatch } from '../../pipeline/batch/load-batch.js';
import { leadingCode, matchCriterionFolder } from '../../pipeline/batch/match-folder.js';
import { readReport } from '../../pipeline/batch/read-report.js';
import { buildReportWorkbook, reportWorkbookBuffer } from '../../pipeline/batch/report-template.js';
import { matchUnitFolders } from '../../pipeline/batch/unit-folders.js';
import { loadFramework } from '../../pipeline/framework/load-framework.js';
import type { Criterion, Framework } from '../../pipeline/model.js';
import { batchYaml } from '../helpers/batch-yaml.js';
import { encryptedXlsx, xlsWorkbook } from '../helpers/office-files.js';
import { tempDir } from '../helpers/temp.js';

let framework: Framework;
/** Hưng Yên with a criterion 1.10 after 1.6, as frameworks with ten criteria in an area have. */
let withTen: Framework;
beforeAll(async () => {
  framework = await loadFramework('hung-yen-2021-so', process.cwd());
  withTen = structuredClone(framework);
  const ten: Criterion = { code: '1.10', title: 'Tổ chức đối thoại với người dân, doanh nghiệp', max: 1, survey: false, children: [] };
  withTen.areas[0]!.criteria.push(ten);
  withTen.areas[0]!.max += 1;
});

async function save(wb: ExcelJS.Workbook, dir?: string, name = 'report.xlsx'): Promise<string> {
  const file = path.join(dir ?? (await tempDir()), name);
  await mkdir(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
  return file;
}

function rowOf(ws: ExcelJS.Worksheet, code: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (String(row.getCell(2).value) === code) found ??= row;
  });
  if (!found) throw new Error(`no row ${code}`);
  return found;
}

describe('item 2: a formula cell with no cached result', () => {
  it('a self score =0.5+0.5 saved by a script is computed (1), not read as blank', async () => {
    const wb = buildReportWorkbook(framework);
    const ws = wb.worksheets[0]!;
    rowOf(ws, '1.2').getCell(5).value = { formula: '0.5+0.5' } as ExcelJS.CellFormulaValue;
    const { report, findings } = await readReport(await save(wb), framework, 'STP', 'units/STP/report.xlsx');
    expect(report!.claims.find((c) => c.criterion === '1.2')?.self).toBe(1);
    expect(findings).toEqual([]);
  });

  it('a self score =SUM(I12:J12) over helper columns is computed', async () => {
    const wb = buildReportWorkbook(framework);
    const ws = wb.worksheets[0]!;
    const row = rowOf(ws, '1.2');
    row.getCell(9).value = 0.25;
    row.getCell(10).value = 0.5;
    row.getCell(5).value = { formula: `SUM(I${row.number}:J${row.number})` } as ExcelJS.CellFormulaValue;
    const { report } = await readReport(await save(wb), framework, 'STP');
    expect(report!.claims.find((c) => c.criterion === '1.2')?.self).toBe(0.75);
  });

  it('a formula it cannot compute is named by sheet and cell, and sent to the council (not a silent 0)', async () => {
    const wb = buildReportWorkbook(framework);
    const ws = wb.worksheets[0]!;
    const row = rowOf(ws, '1.2');
    row.getCell(5).value = { formula: 'IF(F20="x",0,1)' } as ExcelJS.CellFormulaValue;
    const { report, findings } = await readReport(await save(wb), framework, 'STP', 'units/STP/report.xlsx');
    expect(report!.claims.find((c) => c.criterion === '1.2')?.self).toBeNull();
    expect(findings).toEqual([{
      rule: 'report-format', effect: 'review', unit: 'STP', criterion: '1.2',
      reason: `units/STP/report.xlsx, trang "Tự đánh giá", dòng ${row.number}, ô E${row.number} (cột "Điểm tự đánh giá"): ô chứa công thức =IF(F20="x",0,1) nhưng tệp không lưu kết quả tính (tệp do phần mềm khác tạo); cần mở bằng Excel, để Excel tính lại rồi lưu. Điểm tự đánh giá của tiêu chí 1.2 chưa xác định được; đề nghị Hội đồng thẩm định xem xét.`,
    }]);
  });

  it('a shared formula (another layout) never reads as "[object Object]"', async () => {
    const wb = buildReportWorkbook(framework);
    const ws = wb.worksheets[0]!;
    const a = rowOf(ws, '1.2');
    const b = rowOf(ws, '1.5');
    a.getCell(8).value = { formula: 'CONCATENATE("Kế hoạch ","số 5")' } as ExcelJS.CellFormulaValue;
    b.getCell(8).value = { sharedFormula: `H${a.number}` } as ExcelJS.CellSharedFormulaValue;
    const { report } = await readReport(await save(wb), framework, 'STP');
    const text = JSON.stringify(report);
    expect(text).not.toContain('[object Object]');
    expect(report!.claims.find((c) => c.criterion === '1.5')?.explanation).toBe('');
  });

  it('an error value (#DIV/0!) in the self score is named, not silently blank', async () => {
    const wb = buildReportWorkbook(framework);
    const row = rowOf(wb.worksheets[0]!, '1.5');
    row.getCell(5).value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    const { findings } = await readReport(await save(wb), framework, 'STP', 'units/STP/report.xlsx');
    expect(findings.map((f) => f.reason)).toEqual([
      `units/STP/report.xlsx, trang "Tự đánh giá", dòng ${row.number}, ô E${row.number} (cột "Điểm tự đánh giá"): ô có lỗi #DIV/0!. Điểm tự đánh giá của tiêu chí 1.5 chưa xác định được; đề nghị Hội đồng thẩm định xem xét.`,
    ]);
  });
});

describe('item 3: criterion code 1.10 stored by Excel as the number 1.1', () => {
  it('is 1.10 when it stands after 1.6 (position), and 1.1 above 1.1.1 stays the parent', async () => {
    const wb = buildReportWorkbook(withTen, { claims: new Map([['1.10', { self: 1, explanation: 'Đã tổ chức 2 hội nghị đối thoại.' }]]) });
    const ws = wb.worksheets[0]!;
    rowOf(ws, '1.10').getCell(3).value = 'Đối thoại';
    rowOf(ws, '1.10').getCell(2).value = 1.1;
    rowOf(ws, '1.1').getCell(2).value = 1.1;
    const { report, findings } = await readReport(await save(wb), withTen, 'STP', 'units/STP/report.xlsx');
    expect(report!.claims.find((c) => c.criterion === '1.10')).toMatchObject({ self: 1, explanation: 'Đã tổ chức 2 hội nghị đối thoại.' });
    expect(findings.filter((f) => f.reason.includes('được hiểu là tiêu chí 1.10'))).toHaveLength(1);
    expect(findings.find((f) => f.reason.includes('1.10'))?.reason).toMatch(/mã tiêu chí được Excel lưu dạng số 1\.1; dòng đứng sau 1\.6 nên theo thứ tự của bộ chỉ số, dòng này được hiểu là tiêu chí 1\.10\.$/u);
  });

  it('is 1.10 by its title even out of order', async () => {
    const wb = buildReportWorkbook(withTen);
    const ws = wb.worksheets[0]!;
    const ten = rowOf(ws, '1.10');
    const values = [null, 1.1, 'Tổ chức đối thoại với người dân, doanh nghiệp', 1, 0.5, null, null, null];
    ten.values = [null, null, null, null, null, null, null, null];
    ws.addRow(values);
    const { report, findings } = await readReport(await save(wb), withTen, 'STP');
    expect(report!.claims.find((c) => c.criterion === '1.10')?.self).toBe(0.5);
    expect(findings.some((f) => /tên tiêu chí ghi ở dòng này là tên tiêu chí 1\.10/u.test(f.reason))).toBe(true);
  });

  it('when neither title nor position says which, the row goes to the council; it is never dropped', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tự đánh giá');
    ws.addRow(['Mã tiêu chí', 'Điểm tự đánh giá']);
    ws.addRow([1.1, 1]);
    const { findings } = await readReport(await save(wb), withTen, 'STP', 'r.xlsx');
    const ambiguous = findings.find((f) => f.reason.includes('lưu dạng số'));
    expect(ambiguous).toMatchObject({ effect: 'review', criterion: '1.1' });
    expect(ambiguous?.reason).toBe('r.xlsx, trang "Tự đánh giá", dòng 2: mã tiêu chí được lưu dạng số 1.1, có thể là 1.1 hoặc 1.10; không xác định được là tiêu chí nào (dòng không có tên tiêu chí). Đề nghị đơn vị định dạng cột mã là văn bản (Text) và nhập lại; Hội đồng thẩm định xem xét dòng này.');
  });
});

describe('item 4: the report under another name, or as .xls', () => {
  const relOf = (dir: string) => (file: string) => path.relative(dir, file).split(path.sep).join('/');

  it.each(['bao-cao-tu-danh-gia.xlsx', 'Report.XLSX'])('finds the report saved as %s by its header labels', async (name) => {
    const dir = await tempDir();
    await writeFile(path.join(dir, name), await reportWorkbookBuffer(framework));
    await writeFile(path.join(dir, 'danh-sach-can-bo.xlsx'), await sheetBuffer([['Họ và tên', 'Chức vụ']]));
    const found = await findReport(dir, relOf(dir));
    expect(found.file).toBe(path.join(dir, name));
    expect(found.notes[0]).toBe(`Không có tệp report.xlsx; tệp ${name} có bảng tự đánh giá (cột "Mã tiêu chí", "Điểm tự đánh giá") nên được dùng làm báo cáo tự đánh giá.`);
    expect(found.notes[1]).toMatch(/^Tệp danh-sach-can-bo\.xlsx không phải báo cáo tự đánh giá đọc được: không tìm thấy dòng tiêu đề/u);
  });

  it('names an Excel 97–2003 report, says how to convert it (Save As .xlsx, named report.xlsx) and that the evidence is still read', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'bao-cao.xls'), xlsWorkbook());
    const found = await findReport(dir, relOf(dir));
    expect(found).toEqual({
      file: null,
      rivals: [],
      notes: [
        'Tệp bao-cao.xls không đọc được: đây là tệp Excel 97–2003 (.xls), chương trình chỉ đọc định dạng .xlsx: cần mở bằng Excel, chọn Tệp › Lưu thành (Save As), kiểu "Sổ làm việc Excel (*.xlsx)", rồi chạy lại.',
        'Lưu lại báo cáo tự đánh giá thành report.xlsx. Tài liệu kiểm chứng của đơn vị vẫn được đọc và giữ kết quả; khi có báo cáo, lần chạy sau thẩm định ngay.',
      ],
    });
  });

  it('beside report.xlsx, another workbook with the report\'s table (a newer or older version) is named as a rival; any other workbook is not', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'report.xlsx'), await reportWorkbookBuffer(framework));
    await writeFile(path.join(dir, 'Báo cáo tự đánh giá 2021 - bản cuối.xlsx'), await reportWorkbookBuffer(framework));
    await writeFile(path.join(dir, 'danh-sach-can-bo.xlsx'), await sheetBuffer([['Họ và tên', 'Chức vụ']]));
    const found = await findReport(dir, relOf(dir));
    expect(found.file).toBe(path.join(dir, 'report.xlsx'));
    expect(found.rivals).toEqual(['Báo cáo tự đánh giá 2021 - bản cuối.xlsx']);
  });

  it('a password-protected report.xlsx is said to be encrypted, never "central directory"', async () => {
    const file = path.join(await tempDir(), 'report.xlsx');
    await writeFile(file, encryptedXlsx());
    const { report, findings } = await readReport(file, framework, 'STP', 'units/STP/report.xlsx');
    expect(report).toBeNull();
    expect(findings[0]?.reason).toBe('Báo cáo tự đánh giá units/STP/report.xlsx không đọc được: tệp Excel được đặt mật khẩu (mã hóa): cần gỡ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu lại dạng .xlsx.');
  });
});

async function sheetBuffer(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Trang 1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('item 5: evidence folders named the way people name them', () => {
  it.each([
    ['1.2', { code: '1.2', how: 'exact' }],
    ['1.2.', { code: '1.2', how: 'code' }],
    ['1.1.1. Ban hành kế hoạch CCHC', { code: '1.1.1', how: 'code' }],
    ['TC 1.2', { code: '1.2', how: 'code' }],
    ['Tiêu chí 1.2', { code: '1.2', how: 'code' }],
    ['I.4', { code: '1.4', how: 'code' }],
    ['II', { code: '2', how: 'code' }],
    ['1,2', { code: '1.2', how: 'code' }],
    ['9.9', { code: null, nearest: [] }],
    ['1.1.4', { code: null, nearest: ['1.1.1', '1.1.2'] }],
    ['Cải cách tài chính công', { code: '6', how: 'title' }],
    ['Ảnh hoạt động', { code: null, nearest: [] }],
  ])('folder "%s" → %o', (name, expected) => {
    expect(matchCriterionFolder(name, framework)).toEqual(expected);
  });

  it('reads the code at the start of a name and leaves the title', () => {
    expect(leadingCode('1.1.1. Ban hành kế hoạch')).toEqual({ code: '1.1.1', rest: 'Ban hành kế hoạch' });
    expect(leadingCode('Kế hoạch năm')).toBeNull();
  });

  it('places files in tolerant folders, files the report names at the root, and reports each guess', async () => {
    const dir = await tempDir();
    const files = ['evidence/1.2./bc.pdf', 'evidence/TC 1.5/kh.pdf', 'evidence/I.4/1.4.1/qd.pdf', 'evidence/lac-o-goc.pdf', 'evidence/khong-ai-ke.pdf', 'KH 12-KH-STP.pdf'];
    for (const f of files) {
      await mkdir(path.dirname(path.join(dir, 'units', 'STP', f)), { recursive: true });
      await writeFile(path.join(dir, 'units', 'STP', f), '%PDF-1.4');
    }
    const batch = parseBatch(parse(batchYaml()), dir);
    const claims = [
      { criterion: '1.1.1', self: 1, notApplicable: false, evidenceFiles: ['lac-o-goc.pdf'], explanation: '', row: 7 },
      { criterion: '1.1.2', self: 1, notApplicable: false, evidenceFiles: ['KH 12-KH-STP'], explanation: '', row: 8 },
    ];
    const { files: found, findings } = await discoverEvidence(batch, 'STP', framework, undefined, { claims });
    expect(found.map((f) => [f.criterion, f.relPath]).sort()).toEqual([
      ['1.1.1', 'units/STP/evidence/lac-o-goc.pdf'],
      ['1.1.2', 'units/STP/KH 12-KH-STP.pdf'],
      ['1.2', 'units/STP/evidence/1.2./bc.pdf'],
      ['1.4.1', 'units/STP/evidence/I.4/1.4.1/qd.pdf'],
      ['1.5', 'units/STP/evidence/TC 1.5/kh.pdf'],
    ]);
    const reasons = findings.map((f) => f.reason);
    expect(reasons).toContain(`Thư mục units/STP/evidence/1.2. được hiểu là tiêu chí 1.2 (${framework.areas[0]!.criteria[1]!.title}), theo mã ghi ở đầu tên thư mục.`);
    expect(reasons).toContain(`Thư mục units/STP/evidence/I.4 được hiểu là tiêu chí 1.4 (${framework.areas[0]!.criteria[3]!.title}), theo mã ghi ở đầu tên thư mục.`);
    expect(reasons).toContain('Tệp units/STP/evidence/lac-o-goc.pdf nằm ở thư mục evidence/, không trong thư mục tiêu chí; báo cáo tự đánh giá kê tệp này cho tiêu chí 1.1.1 nên tệp được xem xét cho tiêu chí 1.1.1.');
    expect(reasons).toContain('Tệp units/STP/KH 12-KH-STP.pdf nằm ngay trong thư mục đơn vị, không trong thư mục tiêu chí; báo cáo tự đánh giá kê tệp này cho tiêu chí 1.1.2 nên tệp được xem xét cho tiêu chí 1.1.2.');
    expect(reasons).toContain('Tệp units/STP/evidence/khong-ai-ke.pdf nằm ở thư mục evidence/, không trong thư mục tiêu chí (evidence/<mã tiêu chí>/) và báo cáo tự đánh giá không kê tệp này: không gắn được với tiêu chí nào, tệp chưa được xem xét.');
  });

  it('suggests the nearest code for a folder that matches nothing', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'units', 'STP', 'evidence', '1.3.4'), { recursive: true });
    const { findings } = await discoverEvidence(parseBatch(parse(batchYaml()), dir), 'STP', framework);
    const [a, b, c] = framework.areas[0]!.criteria[2]!.children.map((x) => x.title);
    expect(findings[0]?.reason).toBe(`Thư mục units/STP/evidence/1.3.4 không ứng với mã tiêu chí nào của bộ chỉ số hung-yen-2021-so; các tệp trong thư mục chưa được xem xét. Có phải là tiêu chí 1.3.1 (${a}), 1.3.2 (${b}) hoặc 1.3.3 (${c})? Cần đổi tên thư mục theo mã tiêu chí.`);
  });
});

describe('item 6: unit folders by code or name, every unused folder listed', () => {
  it('matches "Xã Hòa An" to its unit and lists the folder no unit uses', async () => {
    const dir = await tempDir();
    for (const f of ['Xã Hòa An', 'stp', 'XA-09', 'Cũ']) await mkdir(path.join(dir, 'units', f), { recursive: true });
    const batch = parseBatch(parse(batchYaml({
      units: [
        { code: 'STP', name: 'Sở Tư pháp', group: 'so' },
        { code: 'XA-01', name: 'Xã Hòa An', group: 'so' },
      ],
    })), dir);
    const { dirs, findings } = await matchUnitFolders(batch);
    expect(dirs).toEqual(new Map([['STP', path.join(dir, 'units', 'stp')], ['XA-01', path.join(dir, 'units', 'Xã Hòa An')]]));
    expect(findings.map((f) => [f.unit, f.reason])).toEqual([
      ['STP', 'Thư mục units/stp được hiểu là hồ sơ của đơn vị STP (Sở Tư pháp); theo quy ước, thư mục nên mang mã đơn vị: units/STP.'],
      ['XA-01', 'Thư mục units/Xã Hòa An được hiểu là hồ sơ của đơn vị XA-01 (Xã Hòa An); theo quy ước, thư mục nên mang mã đơn vị: units/XA-01.'],
      ['', 'Thư mục units/Cũ không ứng với đơn vị nào trong batch.yaml (theo mã hoặc tên đơn vị): hồ sơ trong thư mục này không được thẩm định. Cần bổ sung đơn vị vào batch.yaml hoặc đổi tên thư mục theo mã đơn vị.'],
      ['', 'Thư mục units/XA-09 không ứng với đơn vị nào trong batch.yaml (theo mã hoặc tên đơn vị): hồ sơ trong thư mục này không được thẩm định. Cần bổ sung đơn vị vào batch.yaml hoặc đổi tên thư mục theo mã đơn vị.'],
    ]);
  });

  it('a second folder for a unit that has one (units/stp beside units/STP, units/Sở Tư pháp) is named as that unit\'s, not as nobody\'s', async () => {
    const dir = await tempDir();
    for (const f of ['STP', 'stp', 'Sở Tư pháp']) await mkdir(path.join(dir, 'units', f), { recursive: true });
    const batch = parseBatch(parse(batchYaml({ units: [{ code: 'STP', name: 'Sở Tư pháp', group: 'so' }] })), dir);
    const { dirs, findings } = await matchUnitFolders(batch);
    expect(dirs).toEqual(new Map([['STP', path.join(dir, 'units', 'STP')]]));
    expect(findings.map((f) => [f.unit, f.reason])).toEqual(['Sở Tư pháp', 'stp'].map((f) => ['STP',
      `Thư mục units/${f} cũng mang mã hoặc tên của đơn vị STP (Sở Tư pháp), nhưng hồ sơ của đơn vị được lấy từ thư mục units/STP: tài liệu trong units/${f} không được thẩm định. Cần chuyển tài liệu vào units/STP hoặc xóa thư mục thừa.`]));
  });
});
