// The results workbook (XLSX) the secretariat works in: Xếp hạng (ranking per group), Tổng hợp
// (unit × criterion, with empty "Điểm Hội đồng" / "Ghi chú Hội đồng" columns whose edits batch.yaml
// `inputs.councilDecisions` can read back), Phát hiện (every finding) and Tài liệu (every evidence
// file and what was read from it).
import ExcelJS from 'exceljs';
import type { Effect, Extraction, Finding, UnitResult } from '../model.js';
import { CORRECTION_COLUMNS } from '../batch/read-corrections.js';
import { documentText, formatDateVn, formatScore, nfc, roundScore } from '../util/text.js';
import type { BatchChanges } from '../run/changes.js';
import type { OutputContext } from './context.js';
import { ruleLabel } from '../rules/names.js';
import {
  criteriaPoints, criterionFindings, fileName, groupUnits, provisionalDetail, provisionalFacts, provisionalMark, ratingFacts, ties,
  tieBreakCriteria, unappraisedDetails,
} from './facts.js';
import { documentTimestamp, finaliseOoxml } from './ooxml.js';
import { correctionPlace } from '../batch/correction-place.js';

export const SHEETS = { ranking: 'Xếp hạng', summary: 'Tổng hợp', findings: 'Phát hiện', evidence: 'Tài liệu', changes: 'Thay đổi' } as const;

/** Labels the council-decision import reads back (batch.yaml `inputs.councilDecisions`): keep them exact. */
export const COUNCIL_COLUMNS = {
  unit: 'Mã đơn vị', criterion: 'Mã tiêu chí', score: 'Điểm Hội đồng', note: 'Ghi chú Hội đồng',
} as const;

export const NOT_APPRAISED = 'Chưa thẩm định được';

export const EFFECT_LABELS: Record<Effect, string> = {
  zero: 'Chấm 0 điểm',
  cap: 'Giới hạn điểm',
  review: 'Hội đồng xem xét',
  exclude: 'Không tính tài liệu',
  info: 'Ghi nhận',
};
const EFFECT_ORDER: Effect[] = ['zero', 'cap', 'exclude', 'review', 'info'];

const SOURCE_LABELS: Record<string, string> = { text: 'Lớp chữ', annotation: 'Dấu ký số', ocr: 'Nhận dạng ảnh (OCR)', 'ocr+claim': 'Chữ viết tay, khớp thông tin đơn vị', person: 'Người kiểm tra' };

interface Column {
  header: string;
  width: number;
  numFmt?: string;
  wrap?: boolean;
  center?: boolean;
}

const SCORE = '0.00';
const FILL = {
  red: 'FFFFC7CE',
  amber: 'FFFFEB9C',
  grey: 'FFE7E6E6',
  blue: 'FFDDEBF7',
  header: 'FFD9E1F2',
};

export async function renderWorkbook(ctx: OutputContext): Promise<Buffer> {
  const timestamp = documentTimestamp(ctx.batch.council.meetingDate);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cchc';
  wb.lastModifiedBy = 'cchc';
  wb.created = timestamp;
  wb.modified = timestamp;
  wb.title = ctx.result.title ?? `Kết quả thẩm định Chỉ số CCHC năm ${ctx.result.year}`;

  rankingSheet(wb, ctx);
  summarySheet(wb, ctx);
  findingsSheet(wb, ctx);
  evidenceSheet(wb, ctx);
  if (ctx.changes) changesSheet(wb, ctx, ctx.changes);
  showInvisibleInCells(wb);
  return finaliseOoxml(new Uint8Array(await wb.xlsx.writeBuffer()), timestamp);
}

function addSheet(wb: ExcelJS.Workbook, name: string, columns: Column[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, activeCell: 'A2' }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&L${name}&RTrang &P/&N` },
  });
  ws.columns = columns.map((c, i) => ({
    key: String(i),
    width: c.width,
    style: {
      ...(c.numFmt ? { numFmt: c.numFmt } : {}),
      alignment: { vertical: 'top', wrapText: c.wrap ?? false, ...(c.center ? { horizontal: 'center' } : {}) },
    },
  }));
  const header = ws.getRow(1);
  header.values = columns.map((c) => c.header);
  header.height = 45;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL.header } };
    cell.border = { bottom: { style: 'thin' } };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

const LINE_HEIGHT = 15;

/**
 * Give each data row the height its wrapped text needs. Excel and LibreOffice do not re-measure
 * rows of a generated file on opening, so without this wrapped text spills over the next row.
 */
function fitRows(ws: ExcelJS.Worksheet, columns: Column[]): void {
  ws.eachRow((row, n) => {
    if (n === 1) return;
    let lines = 1;
    columns.forEach((c, i) => {
      if (!c.wrap) return;
      const value = row.getCell(i + 1).value;
      if (typeof value !== 'string' || value === '') return;
      // A column's width counts digits of the default font; Vietnamese prose runs a little narrower.
      const perLine = Math.max(1, Math.floor(c.width * 1.1) - 1);
      const needed = value.split('\n').reduce((s, part) => s + Math.max(1, Math.ceil(part.length / perLine)), 0);
      lines = Math.max(lines, needed);
    });
    if (lines > 1) row.height = lines * LINE_HEIGHT;
  });
}

/** Highlight rows matching an Excel formula written for row 2 (`$F2=0`). */
function highlight(ws: ExcelJS.Worksheet, range: string, formula: string, argb: string, priority: number, bold = false): void {
  ws.addConditionalFormatting({
    ref: range,
    rules: [{
      type: 'expression',
      priority,
      formulae: [formula],
      style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb } }, ...(bold ? { font: { bold: true } } : {}) },
    }],
  });
}

function col(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Last data row, at least 2 so a range is valid on an empty sheet. */
const lastRow = (ws: ExcelJS.Worksheet) => Math.max(2, ws.rowCount);

function rankingSheet(wb: ExcelJS.Workbook, ctx: OutputContext): void {
  const areaCodes = [...new Set(ctx.result.units.flatMap((u) => u.areas.map((a) => a.code)))];
  const areaTitles = new Map(ctx.result.units.flatMap((u) => u.areas.map((a) => [a.code, a.title] as const)));
  const columns: Column[] = [
    { header: 'Nhóm', width: 18, wrap: true },
    { header: 'Hạng', width: 7, center: true },
    { header: COUNCIL_COLUMNS.unit, width: 11 },
    { header: 'Đơn vị', width: 34, wrap: true },
    { header: 'Điểm tự đánh giá', width: 11, numFmt: SCORE },
    { header: 'Điểm các tiêu chí', width: 11, numFmt: SCORE },
    { header: 'Điểm điều tra XHH', width: 11, numFmt: SCORE },
    { header: 'Điểm thưởng', width: 9, numFmt: SCORE },
    { header: 'Điểm trừ', width: 9, numFmt: SCORE },
    { header: 'Tổng điểm', width: 10, numFmt: SCORE },
    { header: 'Điểm tối đa áp dụng', width: 10, numFmt: SCORE },
    { header: 'Chỉ số (%)', width: 10, numFmt: SCORE },
    ...areaCodes.map((code) => ({ header: `Lĩnh vực ${code} (%)`, width: 10, numFmt: SCORE })),
    { header: 'Xếp loại', width: 20, center: true },
    { header: 'Ghi chú', width: 60, wrap: true },
  ];
  const ws = addSheet(wb, SHEETS.ranking, columns);
  const areaStart = 13;
  areaCodes.forEach((code, i) => {
    ws.getCell(1, areaStart + i).note = areaTitles.get(code) ?? code;
  });
  const ratingCol = areaStart + areaCodes.length;
  let threshold: number | null = null;

  for (const group of ctx.result.groups) {
    const { ranked, unappraised } = groupUnits(ctx.result, group);
    if (ranked.length + unappraised.length === 0) continue;
    const framework = ctx.frameworks.get((ranked[0] ?? unappraised[0])!.framework);
    threshold = framework?.scoring.downgrade?.areaBelow ?? threshold;
    const tieCodes = tieBreakCriteria(framework).map((c) => c.code);
    const tieNotes = new Map<string, string>();
    for (const t of ties(ranked, tieCodes)) {
      for (const [k, u] of t.units.entries()) {
        const others = t.units.filter((o) => o !== u).map((o) => o.name).join(', ');
        tieNotes.set(u.code, t.broken
          ? `Cùng chỉ số với ${others}; xếp theo điểm các tiêu chí ${tieCodes.join(', ')}: ${formatScore(t.tiePoints[k] ?? 0)} điểm.`
          : `Cùng chỉ số và điểm các tiêu chí phân hạng với ${others}: đồng hạng.`);
      }
    }
    for (const u of ranked) {
      const rating = ratingFacts(u, framework);
      const notes = [
        rating.downgraded
          ? `Hạ từ ${rating.band} xuống ${u.rating}: ${rating.weakAreas.map((a) => `lĩnh vực ${a.code} đạt ${formatScore(a.index)}%`).join(', ')} (dưới ${formatScore(rating.threshold ?? 0)}%).`
          : '',
        tieNotes.get(u.code) ?? '',
      ].filter(Boolean);
      ws.addRow([
        group.name, u.rank, u.code, u.name, u.selfTotal, criteriaPoints(u), u.surveyPoints, u.bonus, u.penalty,
        u.appraisedTotal, u.maxApplicable, u.index,
        ...areaCodes.map((code) => {
          const a = u.areas.find((x) => x.code === code);
          return a && a.max > 0 ? a.index : null;
        }),
        u.rating, notes.join(' '),
      ]);
    }
    for (const u of unappraised) {
      ws.addRow([
        group.name, null, u.code, u.name, null, null, null, null, null, null, null, null,
        ...areaCodes.map(() => null), NOT_APPRAISED, unappraisedDetails(u),
      ]);
    }
  }
  fitRows(ws, columns);
  const last = lastRow(ws);
  provisionalRows(ws, ctx, columns.length);
  const rating = col(ratingCol);
  const all = `A2:${col(columns.length)}${last}`;
  highlight(ws, all, `$${rating}2="${NOT_APPRAISED}"`, FILL.grey, 1);
  highlight(ws, `${rating}2:${rating}${last}`, `$${rating}2="Yếu"`, FILL.red, 2, true);
  highlight(ws, `${col(columns.length)}2:${col(columns.length)}${last}`, `AND($${rating}2<>"${NOT_APPRAISED}",LEN($${col(columns.length)}2)>0)`, FILL.amber, 3);
  if (threshold !== null && areaCodes.length > 0) {
    const range = `${col(areaStart)}2:${col(areaStart + areaCodes.length - 1)}${last}`;
    highlight(ws, range, `AND(ISNUMBER(${col(areaStart)}2),${col(areaStart)}2<${threshold})`, FILL.red, 4);
  }
}

/**
 * Below the ranking, and in the printed page header: "DỰ THẢO — còn N nội dung chờ Hội đồng kết
 * luận" and each batch input that could not be read, while the ranking is not final.
 */
function provisionalRows(ws: ExcelJS.Worksheet, ctx: OutputContext, width: number): void {
  const facts = provisionalFacts(ctx.result);
  const mark = provisionalMark(facts);
  if (!mark) return;
  ws.headerFooter.oddHeader = `&C&"-,Bold"&KC00000${mark}`;
  const lines = [`${mark}: ${provisionalDetail(facts)}.`, ...facts.inputErrors.map((e) => `Lỗi: ${e.reason}.`)];
  ws.addRow([]);
  for (const line of lines) {
    const row = ws.addRow([line]);
    ws.mergeCells(row.number, 1, row.number, width);
    const cell = row.getCell(1);
    cell.font = { bold: true, color: { argb: 'FFC00000' } };
    cell.alignment = { wrapText: true, vertical: 'top' };
    row.height = LINE_HEIGHT * Math.max(1, Math.ceil(line.length / 200));
  }
}

function strongestEffect(findings: Finding[]): Effect | null {
  return EFFECT_ORDER.find((e) => findings.some((f) => f.effect === e)) ?? null;
}

function summarySheet(wb: ExcelJS.Workbook, ctx: OutputContext): void {
  const columns: Column[] = [
    { header: COUNCIL_COLUMNS.unit, width: 11 },
    { header: COUNCIL_COLUMNS.criterion, width: 10 },
    { header: COUNCIL_COLUMNS.score, width: 11, numFmt: '0.00' },
    { header: COUNCIL_COLUMNS.note, width: 30, wrap: true },
    { header: 'Đơn vị', width: 26, wrap: true },
    { header: 'Lĩnh vực', width: 8, center: true },
    { header: 'Tiêu chí', width: 44, wrap: true },
    { header: 'Điểm tối đa', width: 9, numFmt: SCORE },
    { header: 'Tự đánh giá', width: 10, numFmt: SCORE },
    { header: 'Đề xuất theo quy tắc', width: 11, numFmt: SCORE },
    { header: 'Kết quả thẩm định', width: 11, numFmt: SCORE },
    { header: 'Chênh lệch', width: 10, numFmt: '+0.00;-0.00;0' },
    { header: 'Tác động', width: 17 },
    { header: 'Số phát hiện', width: 9, center: true },
    { header: 'Tài liệu kiểm chứng', width: 50, wrap: true },
  ];
  const ws = addSheet(wb, SHEETS.summary, columns);
  for (const u of ctx.result.units.filter((x) => x.status === 'ok')) {
    for (const c of u.criteria.filter((k) => k.leaf)) {
      const findings = criterionFindings(u, c);
      const effect = strongestEffect(findings);
      const row = ws.addRow([
        u.code, c.code, c.council?.score ?? null, c.council?.note ?? null, u.name, c.area, c.title, c.max,
        c.notApplicable ? null : c.self,
        c.notApplicable ? null : c.proposed,
        c.notApplicable ? null : c.appraised,
        c.self === null || c.notApplicable ? null : roundScore(c.appraised - c.self),
        c.notApplicable ? 'Không áp dụng' : effect ? EFFECT_LABELS[effect] : '',
        findings.length,
        c.evidence.map(fileName).join('\n'),
      ]);
      row.getCell(3).dataValidation = {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        showErrorMessage: true,
        errorTitle: 'Điểm Hội đồng',
        error: `Điểm từ 0 đến ${c.max}.`,
        formulae: [0, c.max],
      };
    }
  }
  fitRows(ws, columns);
  const last = lastRow(ws);
  highlight(ws, `C2:D${last}`, 'LEN($C2)>0', FILL.blue, 1);
  highlight(ws, `K2:K${last}`, 'AND(ISNUMBER($K2),$K2=0,$H2>0)', FILL.red, 2, true);
  highlight(ws, `L2:L${last}`, 'AND(ISNUMBER($L2),$L2<0)', FILL.red, 3);
  highlight(ws, `M2:M${last}`, `$M2="${EFFECT_LABELS.zero}"`, FILL.red, 4);
  highlight(ws, `M2:M${last}`, `$M2="${EFFECT_LABELS.review}"`, FILL.amber, 5);
  highlight(ws, `M2:M${last}`, `$M2="${EFFECT_LABELS.cap}"`, FILL.amber, 6);
}

function findingsSheet(wb: ExcelJS.Workbook, ctx: OutputContext): void {
  const columns: Column[] = [
    { header: COUNCIL_COLUMNS.unit, width: 11 },
    { header: 'Đơn vị', width: 26, wrap: true },
    { header: COUNCIL_COLUMNS.criterion, width: 10 },
    { header: 'Tệp', width: 40, wrap: true },
    { header: 'Trang', width: 7, center: true },
    { header: 'Quy tắc', width: 30, wrap: true },
    { header: 'Tác động', width: 17 },
    { header: 'Lý do', width: 80, wrap: true },
  ];
  const ws = addSheet(wb, SHEETS.findings, columns);
  const add = (f: Finding, unit: UnitResult | undefined) => ws.addRow([
    f.unit || null, unit?.name ?? null, f.criterion ?? null, f.file ?? null, f.page ?? null, ruleLabel(f.rule), EFFECT_LABELS[f.effect], f.reason,
  ]);
  for (const f of ctx.result.findings) add(f, undefined);
  for (const u of ctx.result.units) {
    for (const f of u.findings) add(f, u);
    for (const c of u.criteria) for (const f of c.findings) add(f, u);
  }
  fitRows(ws, columns);
  const last = lastRow(ws);
  highlight(ws, `A2:H${last}`, `$G2="${EFFECT_LABELS.zero}"`, FILL.red, 1);
  highlight(ws, `A2:H${last}`, `OR($G2="${EFFECT_LABELS.review}",$G2="${EFFECT_LABELS.cap}")`, FILL.amber, 2);
}

/** What changed since the last completed run, one row per change. */
function changesSheet(wb: ExcelJS.Workbook, ctx: OutputContext, changes: Pick<BatchChanges, 'units' | 'unitsRemoved'>): void {
  const columns: Column[] = [
    { header: COUNCIL_COLUMNS.unit, width: 11 },
    { header: 'Đơn vị', width: 26, wrap: true },
    { header: 'Thay đổi', width: 22 },
    { header: COUNCIL_COLUMNS.criterion, width: 10 },
    { header: 'Tệp', width: 40, wrap: true },
    { header: 'Trước', width: 12 },
    { header: 'Sau', width: 12 },
    { header: 'Nội dung', width: 70, wrap: true },
  ];
  // With a calendar, the round each change belongs to (changes.json `round`, `evidenceRounds`).
  const withRounds = (ctx.result.rounds?.length ?? 0) > 0;
  if (withRounds) columns.push({ header: 'Vòng', width: 12 });
  const ws = addSheet(wb, SHEETS.changes, columns);
  type Row = [string, string, string, string | null, string | null, string | number | null, string | number | null, string | null, ...Array<string | null>];
  // Only the changes themselves: a first run and a night with nothing new give the same sheet (empty),
  // so the workbook need not be rendered again for the difference.
  const rows: Row[] = [];
  const names = new Map(ctx.result.units.map((u) => [u.code, u.name]));
  for (const u of changes.units) {
    const roundOf = (file: string | null) => (file && u.evidenceRounds && file in u.evidenceRounds ? u.evidenceRounds[file]! ?? 'Sau thời hạn' : u.round ?? null);
    const at = (kind: string, criterion: string | null, file: string | null, before: string | number | null, after: string | number | null, text: string | null): Row =>
      withRounds ? [u.unit, u.name, kind, criterion, file, before, after, text, roundOf(file)] : [u.unit, u.name, kind, criterion, file, before, after, text];
    if (u.added) rows.push(at('Đơn vị mới', null, null, null, u.totalAfter, null));
    else if (u.notAppraised) rows.push(at('Không thẩm định được', null, null, u.totalBefore, null, 'Lần chạy này không thẩm định được đơn vị (xem phát hiện mới); kết quả lần trước không còn áp dụng.'));
    else {
      if (u.totalBefore !== u.totalAfter) rows.push(at('Tổng điểm', null, null, u.totalBefore, u.totalAfter, null));
      if (u.rankBefore !== u.rankAfter) rows.push(at('Thứ hạng', null, null, u.rankBefore, u.rankAfter, null));
      if (u.ratingBefore !== u.ratingAfter) rows.push(at('Xếp loại', null, null, u.ratingBefore, u.ratingAfter, null));
    }
    for (const c of u.scoreChanges) rows.push(at('Điểm tiêu chí', c.criterion, null, c.before, c.after, null));
    for (const f of u.newFindings) rows.push(at('Phát hiện mới', f.criterion, f.file, null, null, f.reason));
    for (const f of u.resolvedFindings) rows.push(at('Phát hiện đã khắc phục', f.criterion, f.file, null, null, f.reason));
    for (const f of u.evidenceAdded) rows.push(at('Tài liệu thêm', null, f, null, null, null));
    for (const f of u.evidenceChanged) rows.push(at('Tài liệu sửa', null, f, null, null, null));
    for (const f of u.evidenceRemoved) rows.push(at('Tài liệu xóa', null, f, null, null, null));
  }
  for (const code of changes.unitsRemoved) rows.push([code, names.get(code) ?? '', 'Không còn trong đợt', null, null, null, null, null]);
  for (const r of rows) ws.addRow(r);
  fitRows(ws, columns);
  const last = lastRow(ws);
  const end = withRounds ? 'I' : 'H';
  highlight(ws, `A2:${end}${last}`, '$C2="Phát hiện mới"', FILL.red, 1);
  highlight(ws, `A2:${end}${last}`, '$C2="Phát hiện đã khắc phục"', FILL.blue, 2);
}

function evidenceSheet(wb: ExcelJS.Workbook, ctx: OutputContext): void {
  const columns: Column[] = [
    { header: COUNCIL_COLUMNS.unit, width: 11 },
    { header: COUNCIL_COLUMNS.criterion, width: 10 },
    { header: 'Tệp', width: 44, wrap: true },
    { header: 'Trạng thái', width: 14 },
    { header: 'Lỗi', width: 30, wrap: true },
    { header: 'Nguồn', width: 14 },
    { header: 'Số văn bản', width: 18 },
    { header: 'Loại văn bản', width: 9, center: true },
    { header: 'Cơ quan ban hành', width: 12 },
    { header: 'Ngày văn bản', width: 12, numFmt: 'dd/mm/yyyy', center: true },
    { header: 'Độ tin cậy', width: 10, numFmt: '0%' },
    { header: 'Số có chữ cái', width: 9, center: true },
    { header: 'Số để trống', width: 9, center: true },
    { header: 'Ngày để trống', width: 9, center: true },
    { header: 'Ký số', width: 8, center: true },
    { header: 'Bản scan', width: 8, center: true },
    { header: 'Số trang', width: 8, center: true },
    { header: 'Đường dẫn', width: 50 },
    // A person's check, typed here and read back like the audit pages' corrections files
    // (batch.yaml inputs.corrections naming this workbook): see batch/read-corrections.ts.
    { header: CORRECTION_COLUMNS.sha256[0]!, width: 20 },
    { header: `${CORRECTION_COLUMNS.confirm[0]} (x)`, width: 10, center: true },
    { header: CORRECTION_COLUMNS.numeral[0]!, width: 9 },
    { header: CORRECTION_COLUMNS.symbol[0]!, width: 14 },
    { header: `${CORRECTION_COLUMNS.date[0]} (dd/mm/yyyy)`, width: 13 },
    { header: CORRECTION_COLUMNS.by[0]!, width: 18 },
    { header: 'Đã hiệu chỉnh', width: 40, wrap: true },
  ];
  const ws = addSheet(wb, SHEETS.evidence, columns);
  const yes = (v: boolean) => (v ? 'Có' : '');
  for (const u of ctx.result.units) {
    const criterionOf = new Map<string, string>();
    for (const c of u.criteria) for (const file of c.evidence) criterionOf.set(file, c.code);
    for (const e of u.evidence) {
      ws.addRow([
        u.code, criterionOf.get(e.file) ?? criterionFromPath(e), fileName(e.file),
        evidenceStatus(e), e.error ?? null,
        e.source ? (SOURCE_LABELS[e.source] ?? e.source) : null,
        e.number, e.typeCode, e.issuerCode, e.date ? new Date(`${e.date}T00:00:00Z`) : null,
        e.status === 'ok' ? e.confidence : null,
        yes(e.suffixed), yes(e.blankNumber), yes(e.blankDate), yes(e.signed), yes(e.scanned), e.pages || null, e.diskPath ?? e.file,
        e.sha256 || null, null, null, null, null, null, correctionText(e),
      ]);
    }
  }
  fitRows(ws, columns);
  const last = lastRow(ws);
  highlight(ws, `A2:R${last}`, '$D2="Không đọc được"', FILL.red, 1);
  highlight(ws, `L2:L${last}`, '$L2="Có"', FILL.red, 2, true);
  highlight(ws, `M2:N${last}`, 'M2="Có"', FILL.amber, 3);
  highlight(ws, `K2:K${last}`, 'AND(ISNUMBER($K2),$K2<0.8)', FILL.amber, 4);
  highlight(ws, `G2:G${last}`, 'AND($D2="Đọc được",LEN($G2)=0)', FILL.amber, 5);
  highlight(ws, `A2:R${last}`, `$D2="${NEEDS_A_PERSON}"`, FILL.amber, 6);
}

/** The evidence sheet's status of a file opened but whose number and date the reader found nothing of. */
const NEEDS_A_PERSON = 'Cần người đọc';

/**
 * The evidence sheet's `Trạng thái`: `Không đọc được` (the file could not be opened or read),
 * `Cần người đọc` (opened, but neither number nor date was read from any source: a person reads the
 * header, from the audit page's crop), else `Đọc được`.
 */
function evidenceStatus(e: Extraction): string {
  if (e.status !== 'ok') return 'Không đọc được';
  return e.source === null && e.number === null && e.date === null ? NEEDS_A_PERSON : 'Đọc được';
}

/** `Vũ Thị Hạnh hiệu chỉnh, 2021-12-01T08:30:00Z (hieu-chinh-SXD.json, mục 1); máy đọc: 30a/KH-SXD, 04/01/2021`. */
function correctionText(e: Extraction): string | null {
  const c = e.correction;
  if (!c) return e.correctionConflict ? 'Các hiệu chỉnh mâu thuẫn, không áp dụng' : null;
  const what = c.action === 'confirm' ? 'xác nhận' : 'hiệu chỉnh';
  return `${c.by} ${what}, ${c.at} (${c.file}, ${correctionPlace(c.file, c.line)}); máy đọc: ${c.previous.number ?? '—'}, ${c.previous.date ? formatDateVn(c.previous.date) : '—'}`;
}

/** `units/STP/evidence/1.1.1/x.pdf` → `1.1.1`. */
function criterionFromPath(e: Extraction): string | null {
  const parts = e.file.split('/');
  const i = parts.indexOf('evidence');
  return i >= 0 && parts.length > i + 2 ? (parts[i + 1] ?? null) : null;
}

/** Columns whose cells are paths as on disk (a decomposed, NFD, name from a Mac stays NFD, or it names no file). */
const ON_DISK_COLUMNS = new Set(['Đường dẫn']);

/**
 * Every text cell as `documentText` makes it: a unit's file name or explanation must not reorder
 * what the secretariat reads (bidirectional controls shown as their code), and XML has no place for
 * C0 controls. A path column keeps the name's own Unicode form unless something had to be shown.
 */
function showInvisibleInCells(wb: ExcelJS.Workbook): void {
  wb.eachSheet((ws) => {
    const onDisk = new Set<number>();
    ws.getRow(1).eachCell((cell, col) => {
      if (typeof cell.value === 'string' && ON_DISK_COLUMNS.has(cell.value)) onDisk.add(col);
    });
    ws.eachRow((row, at) => row.eachCell((cell, col) => {
      if (typeof cell.value !== 'string') return;
      const shown = documentText(cell.value);
      if (at > 1 && onDisk.has(col) && shown === nfc(cell.value)) return;
      cell.value = shown;
    }));
  });
}
