import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { namedUnit, readReport } from '../../pipeline/batch/read-report.js';
import { buildReportWorkbook, reportWorkbookBuffer } from '../../pipeline/batch/report-template.js';
import { loadFramework } from '../../pipeline/framework/load-framework.js';
import type { Framework } from '../../pipeline/model.js';
import { tempDir } from '../helpers/temp.js';

let framework: Framework;
beforeAll(async () => {
  framework = await loadFramework('hung-yen-2021-so', process.cwd());
});

async function writeWorkbook(wb: ExcelJS.Workbook): Promise<string> {
  const file = path.join(await tempDir(), 'report.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

/**
 * A template filled in by hand: set the self score (column 5) and other cells of the rows with these
 * codes. Criterion 2.1 is scored 1 beforehand (a report with nothing written is no report).
 */
function filled(edit: (row: ExcelJS.Row, code: string) => void): ExcelJS.Workbook {
  const wb = buildReportWorkbook(framework);
  wb.worksheets[0]!.eachRow((row) => {
    const code = String(row.getCell(2).value ?? '');
    if (code === '2.1') row.getCell(5).value = 1;
    edit(row, code);
  });
  return wb;
}

describe('readReport', () => {
  it('reads back the claims the template was filled with', async () => {
    const claims = new Map([
      ['1.1.1', { self: 1, evidenceFiles: ['Kế hoạch 05-KH-STP.pdf'], explanation: 'Kế hoạch số 05/KH-STP ngày 08/01/2021 (Mục II).' }],
      ['1.1.2', { self: 1.5, evidenceFiles: ['bao-cao.pdf', 'phu-luc.pdf'], explanation: '' }],
      ['6.2', { self: null, notApplicable: true, explanation: 'Không có đơn vị sự nghiệp trực thuộc.' }],
    ]);
    const file = path.join(await tempDir(), 'report.xlsx');
    await writeFile(file, await reportWorkbookBuffer(framework, { claims }));
    const { report, findings } = await readReport(file, framework, 'STP');
    expect(report?.sheet).toBe('Tự đánh giá');
    const byCode = new Map(report!.claims.map((c) => [c.criterion, c]));
    expect(byCode.get('1.1.1')).toMatchObject({ self: 1, notApplicable: false, evidenceFiles: ['Kế hoạch 05-KH-STP.pdf'] });
    expect(byCode.get('1.1.2')?.evidenceFiles).toEqual(['bao-cao.pdf', 'phu-luc.pdf']);
    expect(byCode.get('6.2')).toMatchObject({ self: null, notApplicable: true });
    // Survey rows stay blank: the unit does not score them.
    expect(byCode.get('8.1')?.self).toBeNull();
    expect(findings).toEqual([]);
  });

  it.each([
    ['x', true, 0],
    ['KAD', true, 0],
    [1, true, 0],
    ['', false, 0],
    [0, false, 0],
    ['không', false, 0],
    ['-', false, 0],
    [2, false, 1],
    [100, false, 1],
    ['chưa rõ', false, 1],
  ] as const)('"Không áp dụng" cell %j: waived %s; an unclear mark keeps the criterion in the maximum with %i finding', async (mark, waived, count) => {
    const file = await writeWorkbook(filled((row, code) => code === '1.1.2' && (row.getCell(6).value = mark)));
    const { report, findings } = await readReport(file, framework, 'STP');
    expect(report!.claims.find((c) => c.criterion === '1.1.2')?.notApplicable).toBe(waived);
    const about = findings.filter((f) => f.criterion === '1.1.2');
    expect(about).toHaveLength(count);
    if (count) expect(about[0]).toMatchObject({ rule: 'report-format', effect: 'review' });
  });

  it('accepts a decimal comma: "1,5"', async () => {
    const file = await writeWorkbook(filled((row, code) => code === '1.1.2' && (row.getCell(5).value = '1,5')));
    const { report } = await readReport(file, framework, 'STP');
    expect(report!.claims.find((c) => c.criterion === '1.1.2')?.self).toBe(1.5);
  });

  it('turns a score typed as text ("đạt") into a finding naming file, sheet and row', async () => {
    const file = await writeWorkbook(filled((row, code) => code === '4.1' && (row.getCell(5).value = 'đạt')));
    const { report, findings } = await readReport(file, framework, 'SNN', 'units/SNN/report.xlsx');
    expect(report!.claims.find((c) => c.criterion === '4.1')).toMatchObject({ self: null, selfUnclear: true, selfText: 'đạt' });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'report-format', effect: 'review', criterion: '4.1', unit: 'SNN' });
    expect(findings[0]!.reason).toMatch(/^units\/SNN\/report\.xlsx, trang "Tự đánh giá", dòng \d+: điểm tự đánh giá "đạt" của tiêu chí 4\.1 không phải là số\.$/u);
  });

  it('a blank self score on a row that lists evidence or explains is a finding the council settles (the evidence is checked); a blank row is not', async () => {
    const file = await writeWorkbook(filled((row, code) => {
      if (code === '1.1.1') row.getCell(7).value = 'ke-hoach.pdf';
      if (code === '1.2') row.getCell(8).value = 'Báo cáo số 96/BC-SNN ngày 17/6/2021.';
      if (code === '1.1.1' || code === '1.1.2' || code === '1.2') row.getCell(5).value = null;
    }));
    const { report, findings } = await readReport(file, framework, 'SNN', 'units/SNN/report.xlsx');
    expect(findings.map((f) => [f.criterion, f.effect])).toEqual([['1.1.1', 'review'], ['1.2', 'review']]);
    expect(findings[0]!.reason).toMatch(/^units\/SNN\/report\.xlsx, trang "Tự đánh giá", dòng \d+: điểm tự đánh giá của tiêu chí 1\.1\.1 để trống, nhưng dòng này có kê tài liệu kiểm chứng hoặc giải trình; chưa tính điểm tự đánh giá \(0 điểm\), đề nghị Hội đồng thẩm định xem xét\.$/u);
    const byCode = new Map(report!.claims.map((c) => [c.criterion, c]));
    expect(byCode.get('1.1.1')).toMatchObject({ self: null, selfUnclear: true, selfText: '' });
    expect(byCode.get('1.1.2')?.selfUnclear).toBeUndefined();
  });

  it('a report whose heading names another unit of the batch is one review finding putting every scored criterion before the council', async () => {
    const units = [{ code: 'SCT', name: 'Sở Công Thương' }, { code: 'STTTT', name: 'Sở Thông tin và Truyền thông' }];
    const file = path.join(await tempDir(), 'report.xlsx');
    await writeFile(file, await reportWorkbookBuffer(framework, { unit: { ...units[1]!, group: 'so' }, claims: new Map([['1.1.1', { self: 1 }]]) }));
    const { findings } = await readReport(file, framework, 'SCT', 'units/SCT/report.xlsx', units);
    expect(findings).toEqual([{
      rule: 'report-format', effect: 'review', unit: 'SCT', allCriteria: true,
      reason: 'Báo cáo units/SCT/report.xlsx ghi "Đơn vị: Sở Thông tin và Truyền thông (mã STTTT)": đây là báo cáo của Sở Thông tin và Truyền thông (STTTT), không phải của Sở Công Thương (SCT); điểm tự đánh giá trong báo cáo chưa được chấp nhận, mọi tiêu chí đơn vị tự chấm chờ Hội đồng thẩm định xem xét.',
    }]);
    // Its own heading, the template's blank heading, or a unit the batch does not have: nothing.
    expect((await readReport(file, framework, 'STTTT', 'units/STTTT/report.xlsx', units)).findings).toEqual([]);
    const blank = path.join(await tempDir(), 'report.xlsx');
    await writeFile(blank, await reportWorkbookBuffer(framework, { claims: new Map([['1.1.1', { self: 1 }]]) }));
    expect((await readReport(blank, framework, 'SCT', 'r.xlsx', units)).findings).toEqual([]);
    expect((await readReport(file, framework, 'SCT', 'r.xlsx', [units[0]!])).findings).toEqual([]);
  });

  it.each([
    [['Đơn vị: Sở Thông tin và Truyền thông'], 'STTTT'],
    [['BÁO CÁO TỰ ĐÁNH GIÁ', 'Tên đơn vị: SỞ THÔNG TIN VÀ TRUYỀN THÔNG'], 'STTTT'],
    [['Cơ quan: Sở Công Thương (mã sct)'], null],
    [['Đơn vị: ……………… (mã ………)'], null],
  ])('heading %j read by namedUnit for SCT → %s', (preamble, named) => {
    const units = [{ code: 'SCT', name: 'Sở Công Thương' }, { code: 'STTTT', name: 'Sở Thông tin và Truyền thông' }];
    expect(namedUnit(preamble, 'SCT', units)?.unit.code ?? null).toBe(named);
  });

  it('the blank template uploaded as the report is no report: the unit is not appraised, and the finding says why', async () => {
    const file = path.join(await tempDir(), 'report.xlsx');
    await writeFile(file, await reportWorkbookBuffer(framework, { unit: { code: 'SCT', name: 'Sở Công Thương', group: 'so' } }));
    const { report, findings } = await readReport(file, framework, 'SCT', 'units/SCT/report.xlsx');
    expect(report).toBeNull();
    expect(findings.map((f) => [f.effect, f.reason])).toEqual([[
      'review', 'Báo cáo tự đánh giá units/SCT/report.xlsx chưa được điền: không tiêu chí nào có điểm tự đánh giá, tài liệu kiểm chứng hay giải trình (có thể là mẫu báo cáo trống); đơn vị chưa được thẩm định.',
    ]]);
  });

  it('flags a negative score', async () => {
    const file = await writeWorkbook(filled((row, code) => code === '1.2' && (row.getCell(5).value = -1)));
    const { report, findings } = await readReport(file, framework, 'STP');
    expect(findings.map((f) => f.reason).join()).toContain('là số âm');
    expect(report!.claims.find((c) => c.criterion === '1.2')).toMatchObject({ self: null, selfUnclear: true });
  });

  it('ignores a score typed on a parent criterion row and says so', async () => {
    const file = await writeWorkbook(filled((row, code) => code === '1.1' && (row.getCell(5).value = 3)));
    const { findings } = await readReport(file, framework, 'STP');
    expect(findings[0]?.reason).toContain('tiêu chí 1.1 gồm các tiêu chí thành phần');
  });

  it('reports a criterion code the framework does not have', async () => {
    const wb = buildReportWorkbook(framework);
    wb.worksheets[0]!.addRow([99, '9.9.9', 'Tiêu chí lạ', 1, 1]);
    const { findings } = await readReport(await writeWorkbook(wb), framework, 'STP');
    expect(findings[0]?.reason).toContain('mã tiêu chí "9.9.9" không có trong bộ chỉ số hung-yen-2021-so');
  });

  it('keeps the first of two rows for one criterion', async () => {
    const wb = filled((row, code) => code === '1.2' && (row.getCell(5).value = 1));
    wb.worksheets[0]!.addRow([99, '1.2', 'Thực hiện chế độ báo cáo', 1.5, 0.5]);
    const { report, findings } = await readReport(await writeWorkbook(wb), framework, 'STP');
    expect(report!.claims.find((c) => c.criterion === '1.2')?.self).toBe(1);
    expect(findings[0]?.reason).toContain('tiêu chí 1.2 xuất hiện lần thứ hai');
  });

  it('notes criteria the report has no row for', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Bảng chấm điểm');
    ws.addRow(['Mã tiêu chí', 'Điểm tự đánh giá', 'Giải trình']);
    ws.addRow(['1.1.1', 1, 'Kế hoạch số 05/KH-STP']);
    const { report, findings } = await readReport(await writeWorkbook(wb), framework, 'STP');
    expect(report!.claims).toHaveLength(1);
    expect(findings.some((f) => f.criterion === '1.1.2' && f.reason.includes('không có dòng cho tiêu chí 1.1.2'))).toBe(true);
    expect(findings.some((f) => f.criterion === '8.1')).toBe(false);
  });

  it('finds the header row wherever it is and whatever the sheet is called, without diacritics or case', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Ghi chú').addRow(['Báo cáo của Sở']);
    const ws = wb.addWorksheet('Bảng điểm');
    ws.addRow(['SỞ TƯ PHÁP']);
    ws.addRow([]);
    ws.addRow(['MA TIEU CHI', 'diem tu danh gia', 'TAI LIEU KIEM CHUNG']);
    ws.addRow(['1.1.1', 1, 'a.pdf; b.pdf']);
    const { report } = await readReport(await writeWorkbook(wb), framework, 'STP');
    expect(report!.sheet).toBe('Bảng điểm');
    expect(report!.claims[0]).toMatchObject({ criterion: '1.1.1', self: 1, evidenceFiles: ['a.pdf', 'b.pdf'], row: 4 });
  });

  describe('a workbook with the report\'s table on two sheets (last year\'s copy kept beside this year\'s)', () => {
    // Excel names a copied sheet `Tự đánh giá (2)`: here the 2021 report, the original `Tự đánh giá` (the
    // template's own name, preferred) holding 2020's, each self score half a point lower.
    const twoYears = (oldTitle = 'BÁO CÁO TỰ ĐÁNH GIÁ CHỈ SỐ CCHC NĂM 2020', newTitle = 'BÁO CÁO TỰ ĐÁNH GIÁ CHỈ SỐ CCHC NĂM 2021') => {
      const wb = new ExcelJS.Workbook();
      for (const [name, title, score] of [['Tự đánh giá (2)', newTitle, 1], ['Tự đánh giá', oldTitle, 0.5]] as const) {
        const ws = wb.addWorksheet(name);
        ws.addRow([title]);
        // The framework's line names its own year on both: it says nothing of the report's.
        ws.addRow(['Bộ chỉ số: Bộ Chỉ số CCHC các sở, ban, ngành tỉnh Hưng Yên năm 2021 (hung-yen-2021-so)']);
        ws.addRow(['Mã tiêu chí', 'Điểm tự đánh giá']);
        ws.addRow(['1.1.1', score]);
      }
      return wb;
    };

    it('reads the one sheet whose title gives the assessed year, and says the other was left out', async () => {
      const { report, findings } = await readReport(await writeWorkbook(twoYears()), framework, 'STP', 'units/STP/report.xlsx', [], 2021);
      expect(report!.sheet).toBe('Tự đánh giá (2)');
      expect(report!.claims[0]).toMatchObject({ criterion: '1.1.1', self: 1 });
      expect(findings.filter((f) => f.reason.includes('trang tính'))).toEqual([expect.objectContaining({
        effect: 'info',
        reason: expect.stringContaining('trang "Tự đánh giá (2)" ghi năm 2021 nên được đọc, trang "Tự đánh giá" không được tính'),
      })]);
    });

    it('when no single sheet gives the year, reads none of them as final: every criterion the unit scores waits for the council', async () => {
      const { findings } = await readReport(await writeWorkbook(twoYears('BÁO CÁO TỰ ĐÁNH GIÁ', 'BÁO CÁO TỰ ĐÁNH GIÁ')), framework, 'STP', 'units/STP/report.xlsx', [], 2021);
      const ambiguous = findings.find((f) => f.effect === 'review');
      expect(ambiguous).toMatchObject({ allCriteria: true });
      expect(ambiguous!.reason).toContain('có 2 trang tính cùng mẫu bảng tự đánh giá ("Tự đánh giá", "Tự đánh giá (2)") và không trang nào ghi riêng năm 2021');
    });
  });

  it('an explanation cell merged across two criteria\'s rows is read for both, and said; a merged score goes to the council', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tự đánh giá');
    ws.addRow(['Mã tiêu chí', 'Điểm tự đánh giá', 'Giải trình']);
    ws.addRow(['1.3.1', 1, 'Kế hoạch số 52/KH-SNN ngày 10/01/2021']);
    ws.addRow(['1.3.2', null, null]);
    ws.addRow(['1.1.1', 1, 'Kế hoạch số 7/KH-SNN']);
    ws.addRow(['1.1.2', null, 'Báo cáo số 8/BC-SNN']);
    ws.mergeCells('C2:C3');
    ws.mergeCells('B4:B5');
    const { report, findings } = await readReport(await writeWorkbook(wb), framework, 'SNN', 'units/SNN/report.xlsx');
    expect(report!.claims.find((c) => c.criterion === '1.3.2')?.explanation).toBe('Kế hoạch số 52/KH-SNN ngày 10/01/2021');
    const merged = findings.filter((f) => f.reason.includes('được gộp với'));
    expect(merged.map((f) => [f.criterion, f.effect, f.reason])).toEqual([
      ['1.3.2', 'info', 'units/SNN/report.xlsx, trang "Tự đánh giá", dòng 3: ô C3 (cột "Giải trình") được gộp với ô C2 của tiêu chí 1.3.1; nội dung của tiêu chí 1.3.1 được đọc cho cả tiêu chí 1.3.2. Nên tách ô và ghi riêng cho từng tiêu chí.'],
      ['1.1.2', 'review', 'units/SNN/report.xlsx, trang "Tự đánh giá", dòng 5: ô B5 (cột "Điểm tự đánh giá") được gộp với ô B4 của tiêu chí 1.1.1; nội dung của tiêu chí 1.1.1 được đọc cho cả tiêu chí 1.1.2; điểm này chờ Hội đồng thẩm định xem xét. Nên tách ô và ghi riêng cho từng tiêu chí.'],
    ]);
  });

  it('normalises decomposed text (NFD) in cells', async () => {
    const file = await writeWorkbook(filled((row, code) => code === '1.2' && (row.getCell(8).value = 'Báo cáo quý'.normalize('NFD'))));
    const { report } = await readReport(file, framework, 'STP');
    expect(report!.claims.find((c) => c.criterion === '1.2')?.explanation).toBe('Báo cáo quý'.normalize('NFC'));
  });

  it('returns no report, with a finding, when the file is not a workbook', async () => {
    const file = path.join(await tempDir(), 'report.xlsx');
    await writeFile(file, '%PDF-1.7 this is a PDF saved as xlsx');
    const { report, findings } = await readReport(file, framework, 'SGTVT', 'units/SGTVT/report.xlsx');
    expect(report).toBeNull();
    expect(findings[0]?.reason).toBe('Báo cáo tự đánh giá units/SGTVT/report.xlsx không đọc được: đây là tệp PDF, không phải bảng tính Excel.');
  });

  it('returns no report when the header cannot be found', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['STT', 'Nội dung', 'Điểm']);
    const { report, findings } = await readReport(await writeWorkbook(wb), framework, 'STP');
    expect(report).toBeNull();
    expect(findings[0]?.reason).toContain('không tìm thấy dòng tiêu đề có các cột "Mã tiêu chí", "Điểm tự đánh giá"');
  });

  it('says so when there is no report at all', async () => {
    const { report, findings } = await readReport('/nonexistent/report.xlsx', framework, 'STP', 'units/STP/report.xlsx');
    expect(report).toBeNull();
    expect(findings[0]?.reason).toBe('Không có báo cáo tự đánh giá (units/STP/report.xlsx): đơn vị chưa được thẩm định.');
  });
});

describe('the report template\'s guide sheet', () => {
  const guide = (framework: Framework) => {
    const sheet = buildReportWorkbook(framework).getWorksheet('Hướng dẫn')!;
    return sheet.getColumn(1).values.filter((v): v is string => typeof v === 'string');
  };

  it('says only a clear tick in "Không áp dụng" waives, and only with an explanation (Hưng Yên: any criterion)', async () => {
    const line = guide(await loadFramework('hung-yen-2021-so', '.')).find((l) => l.startsWith('2. Cột "Không áp dụng"'))!;
    expect(line).toContain('chỉ đánh dấu x (hoặc "có", "KAD")');
    expect(line).toContain('số hoặc chữ khác (2, 100, một ngày…) không phải dấu, tiêu chí vẫn tính vào điểm tối đa');
    expect(line).toContain('Phải ghi lý do ở cột "Giải trình"');
    expect(line).not.toContain('Chỉ các tiêu chí sau');
    // The maximum leaves the scale only once the waiver is accepted, never on the tick alone.
    expect(line).not.toMatch(/đánh dấu x nếu tiêu chí không áp dụng với đơn vị; điểm tối đa/u);
    expect(line).toContain('Khi việc không áp dụng được chấp nhận, điểm tối đa của tiêu chí được loại khỏi thang điểm');
  });

  it('says which evidence counts: scans or signed documents (Hưng Yên); only signed electronic documents (Thái Nguyên 2024 §4a)', async () => {
    const evidenceLine = (lines: string[]) => lines.find((l) => l.trim().startsWith('Tài liệu kiểm chứng là'))!;
    expect(evidenceLine(guide(await loadFramework('hung-yen-2021-so', '.')))).toContain('bản chụp văn bản giấy (PDF) hoặc văn bản điện tử có chữ ký số');
    expect(evidenceLine(guide(await loadFramework('thai-nguyen-2024-so', '.')))).toContain('văn bản điện tử có chữ ký số (bản chụp văn bản giấy không được chấp nhận, không được tính)');
  });

  it('names the criteria a framework lets a unit waive (two-tier 2025: 1.6 and 6.2)', async () => {
    const line = guide(await loadFramework('hai-cap-2025-so', '.')).find((l) => l.startsWith('2. Cột "Không áp dụng"'))!;
    expect(line).toContain('Chỉ các tiêu chí sau được đánh dấu không áp dụng: 1.6, 6.2');
  });
});
