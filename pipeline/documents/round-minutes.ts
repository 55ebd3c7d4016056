// Biên bản thẩm định bổ sung (lần 2…): one DOCX per appraised unit for a later round of the calendar.
// Per criterion the unit was asked about or touched: the previous round's score, what it supplemented
// (files, explanation), the score now; then what was not counted (outside the scope, after the
// deadline), the totals before and after, and the snapshots both rest on (SHA-256) so the council can
// sign knowing exactly which content it appraised. Layout as the round-1 minutes (Decree 30).
import type { Paragraph, Table } from 'docx';
import type { CriterionResult, UnitResult } from '../model.js';
import { beforeOpening, type FileChange } from '../rounds/round-plan.js';
import type { RoundResult, RoundUnitOutcome } from '../rounds/round-result.js';
import { formatScore, roundScore } from '../util/text.js';
import { TEMPLATE_FILES, templatePath, type OutputContext } from './context.js';
import {
  BODY, contentWidth, gridTable, headerTable, packDocx, para, section, SIZE, titleBlock, type GridCell,
} from './decree30-docx.js';
import { criterionFindings, fileName } from './facts.js';
import { minutesNumber, signatures } from './minutes.js';
import { documentTimestamp } from './ooxml.js';
import { loadTemplate, plainText, type DocumentTemplate, type Line } from './template.js';
import { placeDateLine } from './vn-format.js';

export interface RoundMinutesInput {
  round: RoundResult;
  previousRound: RoundResult;
  /** The unit's results in the previous round and in this one. */
  before: UnitResult;
  after: UnitResult;
  outcome: RoundUnitOutcome;
  /** Position in the council's number series, after the round-1 minutes. */
  sequence: number;
}

/** The criteria the round-2 minutes show: those asked for, and those the unit touched. */
export function touchedCriteria(input: RoundMinutesInput): CriterionResult[] {
  const codes = new Set([...input.outcome.requested, ...input.outcome.applied.map((c) => c.criterion).filter((c): c is string => !!c)]);
  return input.after.criteria.filter((c) => c.leaf && codes.has(c.code));
}

export const ROUND_MINUTES_SECTIONS = ['ten-loai', 'trich-yeu', 'mo-dau', 'sau-bang'] as const;

/** The batch's round-minutes template (its own, or the bundled one), read and checked. */
export function loadRoundMinutesTemplate(ctx: OutputContext): Promise<DocumentTemplate> {
  return loadTemplate(templatePath(TEMPLATE_FILES.roundMinutes, ctx.batch.templates), ROUND_MINUTES_SECTIONS);
}

/** Everything the round-minutes template can print, by Vietnamese name (see templates/README.md). */
export function roundMinutesView(ctx: OutputContext, input: RoundMinutesInput) {
  const { council } = ctx.batch;
  const { round, previousRound, before, after, outcome } = input;
  const diff = roundScore(after.appraisedTotal - before.appraisedTotal);
  const leftOut = [...outcome.outOfScope, ...outcome.late.filter((c) => c.change !== 'removed')];
  const roundView = (r: RoundResult, unit: UnitResult) => ({
    ten: r.name,
    tenThuong: r.name.toLocaleLowerCase('vi-VN'),
    han: r.untilText,
    tu: r.fromText ?? '',
    anhChup: r.snapshot?.file ?? '',
    sha256: r.snapshot?.sha256 ?? '',
    phamViTatCa: r.scope === 'all',
    tongDiem: formatScore(unit.appraisedTotal),
    chiSo: formatScore(unit.index),
    xepLoai: unit.rating,
  });
  return {
    nam: ctx.result.year,
    tinh: ctx.result.province,
    hoiDong: {
      ten: council.name,
      diaDiemHop: council.meetingPlace,
      ngayHop: round.meetingDate ?? '',
      thanhVien: council.members.map((m) => ({ ten: m.name, chucVu: m.title, vaiTro: m.role })),
    },
    donVi: { ma: after.code, ten: after.name },
    vongTruoc: roundView(previousRound, before),
    vong: roundView(round, after),
    tieuChiYeuCau: outcome.requested,
    soTieuChi: touchedCriteria(input).length,
    khongTinh: leftOut.map((c) => leftOutText(c, round)),
    chenhLech: { tang: diff > 0, giam: diff < 0, diem: formatScore(Math.abs(diff)) },
  };
}

export async function renderRoundMinutes(ctx: OutputContext, input: RoundMinutesInput, template?: DocumentTemplate): Promise<Buffer> {
  const { council } = ctx.batch;
  const { round, after } = input;
  const prose = template ?? await loadRoundMinutesTemplate(ctx);
  const view = roundMinutesView(ctx, input);
  const width = contentWidth();
  const year = ctx.result.year;
  const touched = touchedCriteria(input);
  const typeName = prose.render('ten-loai', view);
  const summary = prose.render('trich-yeu', view);
  const children: Array<Paragraph | Table> = [
    headerTable({
      parentBody: council.parentBody,
      body: council.body,
      number: `Số: ${minutesNumber(ctx, input.sequence)}`,
      placeDate: placeDateLine(council.place, round.meetingDate, year + (new Date(round.until).getUTCFullYear() > year ? 1 : 0)),
    }),
    ...titleBlock(typeName, summary, width),
    ...bodyParas(prose.render('mo-dau', view)),
  ];
  if (touched.length) children.push(supplementTable(input, touched), para('', { after: 120 }));
  children.push(...bodyParas(prose.render('sau-bang', view), 2), signatures(ctx, after, width));
  return packDocx({
    title: plainText([...typeName, ...summary]),
    subject: `${after.code} ${after.name}`,
    sections: [section({ children })],
    timestamp: documentTimestamp(round.meetingDate ?? ctx.batch.council.meetingDate),
  });
}

/**
 * Body paragraphs: headings (a line in bold only) stay with what follows; a hash line (italic only) is
 * set flush left in the table's size, since 64 hex digits cannot be justified.
 */
function bodyParas(lines: Line[], keepLast = 0): Paragraph[] {
  return lines.map((runs, i) => {
    const heading = runs.every((r) => r.bold);
    const hash = runs.every((r) => r.italic);
    const keep = heading || i >= lines.length - keepLast;
    const style = hash ? { ...BODY, align: 'left' as const, size: SIZE.table, firstLine: 567 } : BODY;
    return para(runs, keep ? { ...style, keepNext: true, keepLines: true } : style);
  });
}

function leftOutText(c: FileChange, round: RoundResult): string {
  // Made before the round opened, while uploads were locked: the reason is when, not what.
  const locked = beforeOpening(round);
  if (c.change === 'report-row' && c.outside === 'window') {
    return `Tiêu chí ${c.criterion}: báo cáo tự đánh giá sửa ${c.detail || 'nội dung'} ${locked}: không được tính.`;
  }
  if (c.change === 'report-row') {
    return `Tiêu chí ${c.criterion}: báo cáo tự đánh giá sửa ${c.detail || 'nội dung'}, ngoài phạm vi ${round.name} (biên bản lần trước không yêu cầu): không được tính.`;
  }
  const what = `Tệp "${fileName(c.path)}"${c.criterion ? ` (tiêu chí ${c.criterion})` : ''}`;
  const kind = c.change === 'added' ? 'nộp mới' : c.change === 'changed' ? 'thay nội dung' : 'xóa';
  if (c.round === round.name && c.outside === 'window') return `${what} ${kind} ${locked}: không được tính.`;
  return c.round === round.name
    ? `${what} ${kind} ngoài phạm vi ${round.name}: không được tính.`
    : `${what} ${kind} sau thời hạn ${round.name} (${round.untilText}): không được tính.`;
}

// Column widths in twips: code, title, max, previous score, supplement (takes the rest), new score, difference.
const COLUMNS = { code: 650, title: 2100, max: 700, before: 800, after: 850, diff: 850 };

function supplementTable(input: RoundMinutesInput, touched: CriterionResult[]): Table {
  const { previousRound, round, before, after, outcome } = input;
  const fixed = Object.values(COLUMNS).reduce((s, w) => s + w, 0);
  const widths = [COLUMNS.code, COLUMNS.title, COLUMNS.max, COLUMNS.before, contentWidth() - fixed, COLUMNS.after, COLUMNS.diff];
  const header: GridCell[][] = [
    [
      { text: 'Mã', rowSpan: 2 }, { text: 'Tiêu chí, tiêu chí thành phần', rowSpan: 2 }, { text: 'Tối đa', rowSpan: 2 },
      { text: `Điểm ${previousRound.name.toLocaleLowerCase('vi-VN')}`, rowSpan: 2 }, { text: 'Nội dung bổ sung, giải trình', rowSpan: 2 },
      { text: `Điểm ${round.name.toLocaleLowerCase('vi-VN')}`, colSpan: 2 },
    ],
    [{ text: 'Thẩm định' }, { text: 'Chênh lệch' }],
  ];
  const body: GridCell[][] = touched.map((c) => {
    const old = before.criteria.find((k) => k.code === c.code);
    const d = old ? roundScore(c.appraised - old.appraised) : 0;
    return [
      { text: c.code, align: 'center' },
      { text: c.title },
      { text: formatScore(c.max), align: 'center' },
      { text: old ? formatScore(old.appraised) : '', align: 'center' },
      { text: supplementCell(c, old, after, outcome, round) },
      { text: formatScore(c.appraised), align: 'center', bold: d !== 0 },
      { text: d === 0 ? '' : `${d > 0 ? '+' : ''}${formatScore(d)}`, align: 'center' },
    ];
  });
  const total = roundScore(after.appraisedTotal - before.appraisedTotal);
  body.push([
    { text: 'TỔNG ĐIỂM THẨM ĐỊNH', bold: true, colSpan: 3 },
    { text: formatScore(before.appraisedTotal), bold: true, align: 'center' },
    { text: `Chỉ số: ${formatScore(before.index)}% → ${formatScore(after.index)}%; xếp loại đề xuất: ${after.rating}.`, bold: true },
    { text: formatScore(after.appraisedTotal), bold: true, align: 'center' },
    { text: total === 0 ? '' : `${total > 0 ? '+' : ''}${formatScore(total)}`, bold: true, align: 'center' },
  ]);
  return gridTable(widths, header, body, SIZE.table);
}

/**
 * What the unit supplemented for one criterion, then why the score is what it is now. A criterion
 * the unit changed only in ways the round does not count (uploaded while uploads were locked, out
 * of scope, late) says so: the unit did act, the section "Nội dung không được tính" says why.
 */
function supplementCell(c: CriterionResult, old: CriterionResult | undefined, after: UnitResult, outcome: RoundUnitOutcome, round: RoundResult): string[] {
  const lines: string[] = [];
  const applied = outcome.applied.filter((a) => a.criterion === c.code);
  for (const a of applied) {
    if (a.change === 'added') lines.push(`Bổ sung tệp "${fileName(a.path)}".`);
    else if (a.change === 'changed') lines.push(`Thay tệp "${fileName(a.path)}".`);
    else if (a.change === 'removed') lines.push(`Rút tệp "${fileName(a.path)}".`);
  }
  if (applied.some((a) => a.change === 'report-row')) {
    if (old && old.self !== c.self) lines.push(`Sửa điểm tự đánh giá: ${old.self === null ? '(trống)' : formatScore(old.self)} → ${c.self === null ? '(trống)' : formatScore(c.self)}.`);
    if (old && old.explanation !== c.explanation && c.explanation) lines.push(`Giải trình: "${c.explanation}"`);
  }
  if (applied.length === 0) {
    const leftOut = [...outcome.outOfScope, ...outcome.late.filter((x) => x.change !== 'removed')].some((x) => x.criterion === c.code);
    lines.push(leftOut ? `Nội dung đơn vị nộp, sửa cho tiêu chí này không được tính trong ${round.name} (xem phần “Nội dung không được tính”).` : 'Đơn vị không bổ sung, giải trình.');
  }
  for (const f of criterionFindings(after, c)) if (f.rule !== 'out-of-scope-change') lines.push(f.reason);
  return lines;
}
