// Biên bản thẩm định bổ sung (lần 2…): one DOCX per appraised unit for a later round of the calendar.
// Per criterion the unit was asked about or touched: the previous round's score, what it supplemented
// (files, explanation), the score now; then what was not counted (outside the scope, after the
// deadline), the totals before and after, and the snapshots both rest on (SHA-256) so the council can
// sign knowing exactly which content it appraised. Layout as the round-1 minutes (Decree 30).
import type { Paragraph, Table } from 'docx';
import type { CriterionResult, UnitResult } from '../model.js';
import type { FileChange } from '../rounds/round-plan.js';
import type { RoundResult, RoundUnitOutcome } from '../rounds/round-result.js';
import { formatScore, roundScore } from '../util/text.js';
import type { OutputContext } from './context.js';
import {
  BODY, contentWidth, gridTable, headerTable, packDocx, para, section, SIZE, titleBlock, type GridCell,
} from './decree30-docx.js';
import { criterionFindings, fileName } from './facts.js';
import { minutesNumber, signatures } from './minutes.js';
import { documentTimestamp } from './ooxml.js';
import type { Line } from './template.js';
import { longDate, placeDateLine } from './vn-format.js';

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

const line = (text: string, bold = false): Line => [{ text, ...(bold ? { bold: true } : {}) }];

/** The criteria the round-2 minutes show: those asked for, and those the unit touched. */
export function touchedCriteria(input: RoundMinutesInput): CriterionResult[] {
  const codes = new Set([...input.outcome.requested, ...input.outcome.applied.map((c) => c.criterion).filter((c): c is string => !!c)]);
  return input.after.criteria.filter((c) => c.leaf && codes.has(c.code));
}

export async function renderRoundMinutes(ctx: OutputContext, input: RoundMinutesInput): Promise<Buffer> {
  const { council } = ctx.batch;
  const { round, previousRound, before, after, outcome } = input;
  const width = contentWidth();
  const unitName = after.name;
  const year = ctx.result.year;
  const touched = touchedCriteria(input);
  const leftOut = [...outcome.outOfScope, ...outcome.late.filter((c) => c.change !== 'removed')];
  const meeting = round.meetingDate ? longDate(round.meetingDate) : 'ngày ...... tháng ...... năm ......';
  const snap = (r: RoundResult) => (r.snapshot ? `Ảnh chụp hồ sơ: tệp ${r.snapshot.file}, mã kiểm tra SHA-256:` : 'Chưa có ảnh chụp hồ sơ.');
  // The hash on a line of its own, not justified: 64 characters that cannot be broken.
  const hashLine = (r: RoundResult): Line[] => (r.snapshot ? [[{ text: r.snapshot.sha256, italic: true }]] : []);

  const opening: Line[] = [
    line(`Vào hồi ...... giờ ......, ${meeting}, tại ${council.meetingPlace}, ${council.name} tiến hành thẩm định kết quả bổ sung tài liệu kiểm chứng, giải trình ${round.name.toLocaleLowerCase('vi-VN')} của ${unitName} đối với kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm ${year}.`),
    line('I. THÀNH PHẦN', true),
    line(`1. ${council.name}:`, true),
    ...council.members.map((m, i) => line(`- ${m.name}, ${m.title}: ${m.role}${i === council.members.length - 1 ? '.' : ';'}`)),
    line(`2. Đại diện ${unitName}:`, true),
    line('- Ông (bà) .......................................... chức vụ ..........................................'),
    line('II. NỘI DUNG', true),
    line('1. Căn cứ thẩm định', true),
    line(`- Hồ sơ ${previousRound.name} chốt tại thời hạn ${previousRound.untilText} (giờ Việt Nam); kết quả thẩm định ${previousRound.name}: ${formatScore(before.appraisedTotal)} điểm. ${snap(previousRound)}`),
    ...hashLine(previousRound),
    line(`- Hồ sơ ${round.name} chốt tại thời hạn ${round.untilText} (giờ Việt Nam). ${snap(round)}`),
    ...hashLine(round),
    line(round.scope === 'all'
      ? `- Phạm vi ${round.name}: đơn vị được bổ sung, giải trình mọi tiêu chí.`
      : `- Phạm vi ${round.name}: các tiêu chí biên bản thẩm định ${previousRound.name} yêu cầu bổ sung tài liệu kiểm chứng hoặc giải trình${outcome.requested.length ? `: ${outcome.requested.join(', ')}` : ' (không có tiêu chí nào)'}. Nội dung thay đổi ngoài phạm vi này không được tính.`),
    line('2. Kết quả thẩm định các tiêu chí bổ sung, giải trình', true),
    line(touched.length
      ? `Kết quả thẩm định ${touched.length} tiêu chí, tiêu chí thành phần như sau (đơn vị tính: điểm):`
      : `${unitName} không có tiêu chí thuộc phạm vi bổ sung, giải trình ${round.name}.`),
  ];

  const after2: Line[] = [];
  after2.push(line('3. Nội dung không được tính', true));
  if (leftOut.length === 0) after2.push(line('Không có.'));
  for (const c of leftOut) after2.push(line(`- ${leftOutText(c, round)}`));
  const diff = roundScore(after.appraisedTotal - before.appraisedTotal);
  after2.push(
    line('4. Tổng hợp kết quả', true),
    line(`- Tổng điểm thẩm định ${previousRound.name}: ${formatScore(before.appraisedTotal)} điểm; chỉ số ${formatScore(before.index)}%; xếp loại ${before.rating}.`),
    line(`- Tổng điểm thẩm định sau bổ sung, giải trình (${round.name}): ${formatScore(after.appraisedTotal)} điểm (${diff === 0 ? 'không thay đổi' : `${diff > 0 ? 'tăng' : 'giảm'} ${formatScore(Math.abs(diff))} điểm`}); chỉ số ${formatScore(after.index)}%; xếp loại đề xuất ${after.rating}.`),
    line('III. KẾT LUẬN', true),
    line(`${council.name} thống nhất kết quả thẩm định Chỉ số cải cách hành chính năm ${year} của ${unitName} sau bổ sung, giải trình ${round.name}: tổng điểm ${formatScore(after.appraisedTotal)} điểm, chỉ số ${formatScore(after.index)}%, xếp loại đề xuất ${after.rating}. Đây là kết quả dùng để tổng hợp, trình công bố Chỉ số cải cách hành chính năm ${year}.`),
    line(`Biên bản kết thúc vào hồi ...... giờ ...... cùng ngày, đã được đọc lại cho các thành viên dự họp cùng nghe và thống nhất. Biên bản được lập thành 03 bản: ${council.name} giữ 02 bản, ${unitName} giữ 01 bản./.`),
  );

  const children: Array<Paragraph | Table> = [
    headerTable({
      parentBody: council.parentBody,
      body: council.body,
      number: `Số: ${minutesNumber(ctx, input.sequence)}`,
      placeDate: placeDateLine(council.place, round.meetingDate, year + (new Date(round.until).getUTCFullYear() > year ? 1 : 0)),
    }),
    ...titleBlock([line('BIÊN BẢN', true)], [line(`Thẩm định kết quả bổ sung, giải trình ${round.name.toLocaleLowerCase('vi-VN')} về Chỉ số cải cách hành chính năm ${year} của ${unitName}`, true)], width),
    ...bodyParas(opening),
  ];
  if (touched.length) children.push(supplementTable(input, touched), para('', { after: 120 }));
  children.push(...bodyParas(after2, 2), signatures(ctx, after, width));
  return packDocx({
    title: `Biên bản thẩm định bổ sung, giải trình ${round.name} - ${unitName}`,
    subject: `${after.code} ${unitName}`,
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
  if (c.change === 'report-row') {
    return `Tiêu chí ${c.criterion}: báo cáo tự đánh giá sửa ${c.detail || 'nội dung'}, ngoài phạm vi ${round.name} (biên bản lần trước không yêu cầu): không được tính.`;
  }
  const what = `Tệp "${fileName(c.path)}"${c.criterion ? ` (tiêu chí ${c.criterion})` : ''}`;
  const kind = c.change === 'added' ? 'nộp mới' : c.change === 'changed' ? 'thay nội dung' : 'xóa';
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
      { text: supplementCell(c, old, after, outcome) },
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

/** What the unit supplemented for one criterion, then why the score is what it is now. */
function supplementCell(c: CriterionResult, old: CriterionResult | undefined, after: UnitResult, outcome: RoundUnitOutcome): string[] {
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
  if (applied.length === 0) lines.push('Đơn vị không bổ sung, giải trình.');
  for (const f of criterionFindings(after, c)) if (f.rule !== 'out-of-scope-change') lines.push(f.reason);
  return lines;
}
