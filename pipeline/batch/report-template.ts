// Write the self-assessment table for a framework: the template units fill in,
// and (with claims) a filled report, as the sample batch generator uses it.
import ExcelJS from 'exceljs';
import type { Claim, Framework, Unit } from '../model.js';
import { allCriteria } from '../framework/load-framework.js';
import { describeBracket } from '../framework/figure.js';
import { formatScore } from '../util/text.js';
import { REPORT_COLUMNS, REPORT_LAYOUT, REPORT_SHEET } from './report-format.js';

export interface ReportTemplateOptions {
  unit?: Unit;
  year?: number;
  /** Filled values per criterion code (sample batches, tests). */
  claims?: Map<string, Partial<Omit<Claim, 'criterion' | 'row'>>>;
  /** Fixed document timestamps so the same input gives the same bytes. */
  created?: Date;
}

const HEADER_ROW = 5;
const GREY = 'FFEDEDED';
const AREA_FILL = 'FFDDEBF7';

export function buildReportWorkbook(framework: Framework, options: ReportTemplateOptions = {}): ExcelJS.Workbook {
  const created = options.created ?? new Date(Date.UTC(2000, 0, 1));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cchc';
  wb.created = created;
  wb.modified = created;
  const ws = wb.addWorksheet(REPORT_SHEET, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = REPORT_LAYOUT.map((c) => ({ key: c.key, width: c.width }));
  const lastCol = REPORT_LAYOUT.length;

  const year = options.year ?? framework.year;
  ws.mergeCells(1, 1, 1, lastCol);
  ws.getCell(1, 1).value = `BÁO CÁO TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH${year ? ` NĂM ${year}` : ''}`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, lastCol);
  ws.getCell(2, 1).value = options.unit ? `Đơn vị: ${options.unit.name} (mã ${options.unit.code})` : 'Đơn vị: ……………………………… (mã ………)';
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(3, 1, 3, lastCol);
  ws.getCell(3, 1).value = `Bộ chỉ số: ${framework.name} (${framework.id})`;
  ws.getCell(3, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(4, 1, 4, lastCol);
  ws.getCell(4, 1).value =
    'Chỉ nhập ở các dòng tiêu chí thành phần (chữ thường). Tài liệu kiểm chứng: mỗi tệp một dòng, đúng tên tệp trong thư mục evidence/<mã tiêu chí>/. Các dòng màu xám đánh giá qua điều tra xã hội học, đơn vị không tự chấm.';
  ws.getCell(4, 1).font = { italic: true, size: 10 };
  ws.getCell(4, 1).alignment = { wrapText: true };
  ws.getRow(4).height = 30;

  const header = ws.getRow(HEADER_ROW);
  REPORT_LAYOUT.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = REPORT_COLUMNS[c.key][0];
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFBDD7EE' } };
    cell.border = thin;
  });
  header.height = 32;

  let r = HEADER_ROW + 1;
  let stt = 0;
  const rowFor = (values: Array<string | number | null>, style: 'area' | 'parent' | 'leaf' | 'survey') => {
    const row = ws.getRow(r++);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      if (v !== null) cell.value = v;
      cell.border = thin;
      cell.alignment = { vertical: 'top', wrapText: i >= 2 };
      if (style === 'area' || style === 'parent') cell.font = { bold: true };
      if (style === 'area') cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: AREA_FILL } };
      if (style === 'survey') cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: GREY } };
    });
    return row;
  };

  let currentArea = '';
  for (const { criterion, area, depth } of allCriteria(framework)) {
    if (area.code !== currentArea) {
      currentArea = area.code;
      rowFor([null, area.code, area.title.toUpperCase(), area.max, null, null, null, null, null, null, null], 'area');
    }
    const leaf = criterion.children.length === 0;
    const indent = '  '.repeat(depth);
    if (!leaf) {
      rowFor([null, criterion.code, `${indent}${criterion.title}`, criterion.max, null, null, null, null, null, null, null], 'parent');
      continue;
    }
    stt++;
    const claim = options.claims?.get(criterion.code);
    const scale = criterion.figure;
    const title = criterion.survey
      ? `${indent}${criterion.title} (điều tra xã hội học)`
      : scale
        ? `${indent}${criterion.title} (chấm theo số liệu: ${scale.brackets.map((b) => `${describeBracket(scale, b)}: ${formatScore(b.score)} điểm`).join('; ')})`
        : `${indent}${criterion.title}`;
    const row = rowFor(
      [
        stt,
        criterion.code,
        title,
        criterion.max,
        claim?.self ?? null,
        claim?.notApplicable ? 'x' : null,
        claim?.evidenceFiles?.length ? claim.evidenceFiles.join('\n') : null,
        claim?.explanation || null,
        claim?.figure && !claim.figure.numerator ? claim.figure.value : null,
        claim?.figure?.numerator ?? null,
        claim?.figure?.denominator ?? null,
      ],
      criterion.survey ? 'survey' : 'leaf',
    );
    if (!criterion.survey) {
      row.getCell(5).dataValidation = {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [0, criterion.max],
        showErrorMessage: true,
        errorTitle: 'Điểm không hợp lệ',
        error: `Điểm tự đánh giá từ 0 đến ${criterion.max}`,
      };
      row.getCell(6).dataValidation = { type: 'list', allowBlank: true, formulae: ['"x"'] };
    }
    if (!scale) for (const c of [9, 10, 11]) row.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: GREY } };
  }
  ws.getColumn(4).numFmt = '0.##';
  ws.getColumn(5).numFmt = '0.##';

  const guide = wb.addWorksheet('Hướng dẫn', {
    // One page wide when printed; rows are as tall as their wrapped text (neither Excel nor
    // LibreOffice grows a row for wrapped text written by a program, so lines would overlap).
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  guide.getColumn(1).width = GUIDE_WIDTH;
  [
    'HƯỚNG DẪN ĐIỀN BÁO CÁO TỰ ĐÁNH GIÁ',
    '1. Cột "Điểm tự đánh giá": điểm đơn vị tự chấm cho từng tiêu chí thành phần, không vượt "Điểm tối đa"; dùng dấu phẩy hoặc dấu chấm cho phần thập phân.',
    notApplicableGuide(framework),
    '3. Cột "Tài liệu kiểm chứng": tên tệp PDF (mỗi tệp một dòng), đặt trong thư mục units/<mã đơn vị>/evidence/<mã tiêu chí>/.',
    evidenceFormGuide(framework),
    '4. Cột "Giải trình": bắt buộc khi không có tài liệu kiểm chứng hoặc tài liệu chưa thể hiện đủ nội dung; nêu rõ số, ngày văn bản và Mục, Khoản, Điểm của văn bản làm căn cứ.',
    '5. Các dòng màu xám đánh giá qua điều tra xã hội học: đơn vị không tự chấm.',
    '6. Cột "Số liệu" (hoặc "Tử số" và "Mẫu số"): chỉ ghi cho tiêu chí chấm theo số liệu (tên tiêu chí ghi các mức điểm); tỷ lệ ghi theo phần trăm, từ 0 đến 100. Điểm tự đánh giá phải đúng mức điểm của số liệu.',
  ].forEach((line, i) => {
    const cell = guide.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true, size: 13 };
    guide.getRow(i + 1).height = 15 * Math.max(1, Math.ceil(line.length / (GUIDE_WIDTH * 1.05)));
  });
  return wb;
}

/** Width of the guide sheet's text column, in characters. */
const GUIDE_WIDTH = 68;

/**
 * What evidence the framework accepts, for the guide sheet: a scan or a digitally signed document
 * by default; only signed electronic documents where `unsigned-evidence` accepts no scan (Thái
 * Nguyên 2024 §4a), so a unit following the template does not file scans that score nothing.
 */
export function evidenceFormGuide(framework: Framework): string {
  const rule = framework.rules['unsigned-evidence'];
  const accept = rule?.enabled && Array.isArray(rule['accept']) ? (rule['accept'] as string[]) : ['scan', 'signature'];
  const form = accept.includes('scan')
    ? 'bản chụp văn bản giấy (PDF) hoặc văn bản điện tử có chữ ký số'
    : 'văn bản điện tử có chữ ký số (bản chụp văn bản giấy không được chấp nhận, không được tính)';
  return `   Tài liệu kiểm chứng là ${form}; văn bản có số kèm chữ (ví dụ 30a/KH-SXD) có thể bị chấm 0.`;
}

/**
 * Line 2 of the guide: what a tick in "Không áp dụng" does under this framework. Only a clear tick
 * (x, có, KAD, 1) waives (report-format.ts readNotApplicableMark); a waiver the framework does not
 * allow, or one it wants explained and is not, keeps the criterion in the maximum until the council
 * accepts it (rule `not-applicable`, Hưng Yên art. 3.3, 4.3b).
 */
export function notApplicableGuide(framework: Framework): string {
  const rule = framework.rules['not-applicable'];
  const parts = [
    '2. Cột "Không áp dụng": chỉ đánh dấu x (hoặc "có", "KAD") khi tiêu chí không áp dụng với đơn vị; ô để trống, 0 hoặc "không" là có áp dụng.',
    'Chỉ dấu rõ ràng như vậy mới được hiểu là không áp dụng: số hoặc chữ khác (2, 100, một ngày…) không phải dấu, tiêu chí vẫn tính vào điểm tối đa và ô đó được nêu để Hội đồng thẩm định xem xét.',
  ];
  if (rule?.enabled) {
    const allowed = rule['allowed'];
    if (Array.isArray(allowed)) parts.push(`Chỉ các tiêu chí sau được đánh dấu không áp dụng: ${allowed.join(', ')}; đánh dấu tiêu chí khác thì tiêu chí vẫn tính vào điểm tối đa và chuyển Hội đồng xem xét.`);
    if (rule['requireExplanation'] !== false) parts.push('Phải ghi lý do ở cột "Giải trình": không giải trình thì tiêu chí vẫn tính vào điểm tối đa (theo điểm tự chấm, 0 nếu để trống) cho đến khi Hội đồng chấp nhận.');
  }
  parts.push('Khi việc không áp dụng được chấp nhận, điểm tối đa của tiêu chí được loại khỏi thang điểm và tổng điểm được quy về thang 100.');
  return parts.join(' ');
}

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export async function reportWorkbookBuffer(framework: Framework, options: ReportTemplateOptions = {}): Promise<Buffer> {
  const wb = buildReportWorkbook(framework, options);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
