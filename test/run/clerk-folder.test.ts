// Issue 12, "done when": one folder with everything a clerk really sends, at once. `cchc run`
// completes, names every problem in Vietnamese, and loses nothing: every file under units/ is read
// as evidence, used as a report, or named in a finding. The folder is generated here, small.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildReportWorkbook } from '../../pipeline/batch/report-template.js';
import { OUTPUT_FILES } from '../../pipeline/documents/context.js';
import { SHEETS } from '../../pipeline/documents/workbook.js';
import { loadFramework } from '../../pipeline/framework/load-framework.js';
import type { BatchResult, Claim, Finding } from '../../pipeline/model.js';
import { renderDocument } from '../../scripts/lib/decree30-pdf.js';
import { rasterisePages } from '../../scripts/lib/raster.js';
import { docxText } from '../documents/docx-text.js';
import { planSpec } from '../evidence/fixtures.js';
import { batchYaml } from '../helpers/batch-yaml.js';
import { runCli } from '../helpers/cli.js';
import { xlsWorkbook } from '../helpers/office-files.js';
import { tempDir } from '../helpers/temp.js';

/** Hưng Yên 2021 with ten criteria in area 1 (1.6 split: 1.10 takes half a point), as a batch's own framework. */
async function frameworkWithTen(): Promise<string> {
  const text = await readFile(path.resolve('frameworks/hung-yen-2021-so.yaml'), 'utf8');
  const six = '      - code: "1.6"\n        title: Thực hiện nhiệm vụ UBND tỉnh giao\n        max: 1.5\n';
  if (!text.includes(six)) throw new Error('framework layout changed');
  return text
    .replace('id: hung-yen-2021-so', 'id: hung-yen-2021-so-muoi')
    .replace(six, '      - code: "1.6"\n        title: Thực hiện nhiệm vụ UBND tỉnh giao\n        max: 1\n'
      + '      - code: "1.10"\n        title: Tổ chức đối thoại với người dân, doanh nghiệp\n        max: 0.5\n');
}

const pdf = (numeral: string, symbol: string, day: number, month: number) =>
  renderDocument(planSpec({ parentBody: 'UBND TỈNH HƯNG YÊN', issuingBody: 'SỞ TƯ PHÁP', numeral, symbol, date: { day, month, year: 2021 } }));

async function put(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, data);
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

describe('a clerk\'s folder with every kind of problem at once', () => {
  it('completes, names every problem in Vietnamese, and loses nothing', async () => {
    const root = await tempDir();
    const batch = path.join(root, 'dot-2021');
    await put(path.join(batch, 'khung', 'muoi.yaml'), await frameworkWithTen());
    await put(path.join(batch, 'batch.yaml'), batchYaml({
      framework: 'khung/muoi.yaml',
      council: {
        name: 'Hội đồng thẩm định Chỉ số CCHC tỉnh', parentBody: 'UBND TỈNH HƯNG YÊN', body: 'HỘI ĐỒNG THẨM ĐỊNH',
        minutesSymbol: 'BB-HĐTĐ', place: 'Hưng Yên', meetingPlace: 'Phòng họp Sở Nội vụ', meetingDate: '2021-12-20',
        members: [{ name: 'Nguyễn Thị Thu Hà', title: 'Phó Giám đốc Sở Nội vụ', role: 'Chủ tịch Hội đồng' }],
      },
      units: [
        { code: 'STP', name: 'Sở Tư pháp', group: 'so' },
        { code: 'SXD', name: 'Sở Xây dựng', group: 'so' },
        { code: 'SYT', name: 'Sở Y tế', group: 'so' },
      ],
      inputs: { survey: 'dieu-tra.xlsx' },
    }));
    // 1. The survey workbook saved as Excel 97–2003.
    await put(path.join(batch, 'dieu-tra.xlsx'), xlsWorkbook());

    const framework = await loadFramework('khung/muoi.yaml', batch);
    const claims = new Map<string, Partial<Omit<Claim, 'criterion' | 'row'>>>([
      ['1.1.1', { self: 1, evidenceFiles: ['lac-o-goc.pdf'] }],
      ['1.1.2', { self: 2, evidenceFiles: ['anh-chup-bao-cao.jpg'] }],
      ['1.2', { self: null, evidenceFiles: ['bc.pdf'] }],
      ['1.3.1', { self: null, notApplicable: true }],
      ['1.4.1', { self: 0.5, evidenceFiles: ['kh.pdf'] }],
      ['1.4.2', { self: 1.5, evidenceFiles: ['bao-cao.docx'] }],
      ['1.5', { self: null, evidenceFiles: ['qd.pdf'] }],
      ['1.6', { self: 1, evidenceFiles: ['scan.tif'] }],
      ['1.10', { self: 0.5, explanation: 'Đã tổ chức hội nghị đối thoại.' }],
    ]);
    const wb = buildReportWorkbook(framework, { claims, year: 2021 });
    const ws = wb.worksheets[0]!;
    ws.eachRow((row) => {
      const code = String(row.getCell(2).value ?? '');
      if (code === '1.1' || code === '1.10') row.getCell(2).value = 1.1; // 3. Excel turned 1.10 into 1.1
      if (code === '1.2') row.getCell(5).value = { formula: '0.5+0.5' } as ExcelJS.CellFormulaValue; // 2. no cached result
      if (code === '1.5') row.getCell(5).value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    });
    // 6. The unit's folder named by its name; 4. the report under another name.
    const stp = path.join(batch, 'units', 'Sở Tư pháp');
    await put(path.join(stp, 'Bao cao tu danh gia.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    // 5. Evidence folders named the way people name them, and files outside them.
    await put(path.join(stp, 'evidence', '1.2.', 'bc.pdf'), await pdf('21', 'BC-STP', 15, 6));
    await put(path.join(stp, 'evidence', 'TC 1.5', 'qd.pdf'), await pdf('32', 'QĐ-STP', 4, 8));
    await put(path.join(stp, 'evidence', 'I.4', '1.4.1', 'kh.pdf'), await pdf('7', 'KH-STP', 20, 1));
    await put(path.join(stp, 'evidence', 'lac-o-goc.pdf'), await pdf('5', 'KH-STP', 8, 1));
    await put(path.join(stp, 'evidence', 'ghi-chu.pdf'), await pdf('9', 'TB-STP', 9, 3));
    // 7. A photo, a Word file and a TIFF as evidence.
    const [page] = await rasterisePages(await pdf('76', 'BC-STP', 10, 11), 200);
    await put(path.join(stp, 'evidence', '1.1.2', 'anh-chup-bao-cao.jpg'), await page!.encode('jpeg', 85));
    await put(path.join(stp, 'evidence', '1.4.2', 'bao-cao.docx'), Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.from(`${'\0'.repeat(26)}word/document.xml`)]));
    await put(path.join(stp, 'evidence', '1.6', 'scan.tif'), Buffer.concat([Buffer.from('49492a0008000000', 'hex'), Buffer.alloc(64)]));
    await put(path.join(stp, 'evidence', 'Ảnh hoạt động', 'hop.pdf'), await pdf('3', 'TB-STP', 3, 3));
    // SXD: only an Excel 97–2003 report. SYT: nothing. A folder no unit uses.
    await put(path.join(batch, 'units', 'SXD', 'bao-cao.xls'), xlsWorkbook());
    await put(path.join(batch, 'units', 'SXD', 'evidence', '1.1.1', 'ke-hoach.pdf'), await pdf('12', 'KH-SXD', 5, 1));
    await put(path.join(batch, 'units', 'Cũ', 'report.xlsx'), Buffer.from(await buildReportWorkbook(framework).xlsx.writeBuffer()));

    const out = path.join(root, 'ket-qua');
    const r = await runCli(['run', batch, '--out', out, '--quiet', '--workers', '1']);
    // 1. A batch input that exists but cannot be read: its own exit code, and said first.
    expect(r.code, r.stderr).toBe(7);
    expect(r.stdout).toContain('Lỗi: chưa có kết quả điều tra xã hội học: tệp dieu-tra.xlsx không đọc được (đây là tệp Excel 97–2003 (.xls)');
    expect(r.stdout).toMatch(/DỰ THẢO — còn \d+ nội dung chờ Hội đồng kết luận/u);
    const everything = `${r.stdout}\n${r.stderr}\n${await readFile(path.join(out, 'results.json'), 'utf8')}`;
    // No English library error reaches the user.
    expect(everything).not.toMatch(/central directory|Can't find|is not a function|\[object Object\]|Error:|ENOENT|undefined/u);

    const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
    const units = new Map(result.units.map((u) => [u.code, u]));
    const STP = units.get('STP')!;
    const SXD = units.get('SXD')!;
    const SYT = units.get('SYT')!;
    expect(STP.status).toBe('ok');
    const c = (code: string) => STP.criteria.find((x) => x.code === code)!;
    expect(c('1.10').self).toBe(0.5); // 3
    expect(c('1.1').leaf).toBe(false);
    expect(c('1.2').self).toBe(1); // 2
    expect(c('1.5').review).toBe(true); // 2, error cell named, sent to the council
    expect(c('1.3.1')).toMatchObject({ notApplicable: false, appraised: 0, review: true, max: 0.5 }); // 8
    expect(c('1.2').evidence).toEqual(['units/Sở Tư pháp/evidence/1.2./bc.pdf']); // 5
    expect(c('1.4.1').evidence).toEqual(['units/Sở Tư pháp/evidence/I.4/1.4.1/kh.pdf']);
    expect(c('1.1.1').evidence).toEqual(['units/Sở Tư pháp/evidence/lac-o-goc.pdf']);
    const photo = STP.evidence.find((e) => e.file.endsWith('anh-chup-bao-cao.jpg'))!; // 7
    expect(photo).toMatchObject({ status: 'ok', scanned: true, number: '76/BC-STP', date: '2021-11-10' });
    expect(STP.evidence.find((e) => e.file.endsWith('bao-cao.docx'))?.error).toMatch(/^là tệp Word \(\.docx\), văn bản chưa ký số/u);
    expect(STP.evidence.find((e) => e.file.endsWith('scan.tif'))?.error).toMatch(/^là ảnh TIFF/u);
    // 4. SXD sent only an .xls: not appraised, and the file is named with what to do.
    expect(SXD.status).toBe('error');
    expect(SXD.findings.map((f) => f.reason)).toContain('Tệp units/SXD/bao-cao.xls không đọc được: đây là tệp Excel 97–2003 (.xls), chương trình chỉ đọc định dạng .xlsx: cần mở bằng Excel, chọn Tệp › Lưu thành (Save As), kiểu "Sổ làm việc Excel (*.xlsx)", rồi chạy lại.');
    // Nothing else is lost meanwhile: its evidence is read (and cached for the run with the report).
    expect(SXD.evidence.map((e) => [e.file, e.status, e.number])).toEqual([['units/SXD/evidence/1.1.1/ke-hoach.pdf', 'ok', '12/KH-SXD']]);
    expect(SXD.findings.map((f) => f.reason)).toContain('Lưu lại báo cáo tự đánh giá thành units/SXD/report.xlsx. Tài liệu kiểm chứng của đơn vị vẫn được đọc và giữ kết quả; khi có báo cáo, lần chạy sau thẩm định ngay.');
    // 9. Units that could not be appraised carry no total or index, with the reason.
    for (const u of [SXD, SYT] as unknown as Array<Record<string, unknown>>) {
      expect(u).toMatchObject({ appraisedTotal: null, index: null, rank: null });
      expect(String(u.notAppraisedReason)).not.toBe('');
    }
    // 6. The folder no unit uses is listed.
    expect(result.findings.map((f) => f.reason)).toContain('Thư mục units/Cũ không ứng với đơn vị nào trong batch.yaml (theo mã hoặc tên đơn vị): hồ sơ trong thư mục này không được thẩm định. Cần bổ sung đơn vị vào batch.yaml hoặc đổi tên thư mục theo mã đơn vị.');

    // Nothing lost: every file under units/ is evidence read, the report used, or named in a finding.
    const findings: Finding[] = [...result.findings, ...result.units.flatMap((u) => [...u.findings, ...u.criteria.flatMap((k) => k.findings)])];
    const named = (rel: string) => findings.some((f) => f.file === rel || f.reason.includes(rel) || (f.file && rel.startsWith(`${f.file}/`)));
    const read = new Set(result.units.flatMap((u) => u.evidence.map((e) => e.file)));
    for (const file of await filesUnder(path.join(batch, 'units'))) {
      const rel = path.relative(batch, file).split(path.sep).join('/').normalize('NFC');
      if (rel === 'units/Sở Tư pháp/Bao cao tu danh gia.xlsx') continue; // the report, found by its content
      expect(read.has(rel) || named(rel), rel).toBe(true);
    }

    // The documents: the draft mark, the failed input, the council's own kind, rule names in Vietnamese.
    const decision = docxText(await readFile(path.join(out, OUTPUT_FILES.decision)));
    expect(decision).toMatch(/DỰ THẢO — còn \d+ nội dung chờ Hội đồng kết luận/u);
    expect(decision).toContain('(Chưa có kết quả điều tra xã hội học: tệp dieu-tra.xlsx không đọc được');
    const minutes = docxText(await readFile(path.join(out, OUTPUT_FILES.minutes('STP'))));
    expect(minutes).toContain('Những nội dung Hội đồng thẩm định xem xét, quyết định');
    expect(minutes).not.toContain('Tổ thẩm định');
    expect(minutes).not.toContain('units/');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(out, OUTPUT_FILES.workbook));
    const rules = workbook.getWorksheet(SHEETS.findings)!.getColumn(6).values.slice(2).map(String);
    expect(rules.every((r) => /^[^()]+ \([a-z-]+\)$/u.test(r)), rules.join(', ')).toBe(true);
  }, 300_000);
});
