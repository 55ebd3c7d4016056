// Read a unit's report.xlsx into claims. Problems become findings for that unit;
// only a report that cannot be read at all returns no claims.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Claim, Criterion, Finding, Framework, Report, Unit } from '../model.js';
import { formatFigure, PERCENT } from '../framework/figure.js';
import { allCriteria } from '../framework/load-framework.js';
import { describeFsError } from '../util/fs-errors.js';
import { foldVietnamese, formatScore } from '../util/text.js';
import { normaliseCriterionCode } from './criterion-code.js';
import { resolveNumericCode } from './numeric-code.js';
import { readNotApplicableMark, REPORT_COLUMNS, REPORT_SHEET, splitFileList } from './report-format.js';
import { type CellValue, quotedSheets, readTable, TableError, toNumber, toText } from './xlsx-table.js';

export { REPORT_FILE } from './find-report.js';
/** Bump when reading reports changes, so readings kept by content are not reused. */
export const REPORT_READER_VERSION = 'report-5';
export const REPORT_RULE = 'report-format';

export interface ReportReading {
  report: Report | null;
  findings: Finding[];
}

/**
 * `year`: the assessed year. A workbook with the report's table on several sheets (last year's
 * copy kept beside this year's) is read from the one sheet whose name or title gives the year, and
 * says so; when no single sheet does, the sheet read is a guess: every criterion the unit scores
 * waits for the council (a review finding naming the sheets), as a score read from last year's
 * sheet would change the rating with nobody looking.
 */
export async function readReport(
  file: string, framework: Framework, unit: string, displayName = file, units: ReadonlyArray<Pick<Unit, 'code' | 'name'>> = [], year?: number,
): Promise<ReportReading> {
  const finding = (reason: string, criterion?: string, effect: Finding['effect'] = 'info'): Finding => ({
    rule: REPORT_RULE, effect, reason, unit, ...(criterion ? { criterion } : {}),
  });
  if (!existsSync(file)) {
    return { report: null, findings: [finding(`Không có báo cáo tự đánh giá (${displayName}): đơn vị chưa được thẩm định.`)] };
  }
  let table;
  try {
    table = await readTable(file, {
      columns: {
        code: [...REPORT_COLUMNS.code],
        title: [...REPORT_COLUMNS.title],
        max: [...REPORT_COLUMNS.max],
        self: [...REPORT_COLUMNS.self],
        notApplicable: [...REPORT_COLUMNS.notApplicable],
        evidence: [...REPORT_COLUMNS.evidence],
        explanation: [...REPORT_COLUMNS.explanation],
        figure: [...REPORT_COLUMNS.figure],
        numerator: [...REPORT_COLUMNS.numerator],
        denominator: [...REPORT_COLUMNS.denominator],
      },
      required: ['code', 'self'],
      sheets: [REPORT_SHEET],
      ...(year !== undefined ? { year } : {}),
    });
  } catch (error) {
    const why = error instanceof TableError ? error.message : describeFsError(error);
    return { report: null, findings: [finding(`Báo cáo tự đánh giá ${displayName} không đọc được: ${why}.`)] };
  }

  const where = (row: number) => `${displayName}, trang "${table.sheet}", dòng ${row}`;
  const known = new Map(allCriteria(framework).map((e) => [e.criterion.code, e.criterion]));
  const areaCodes = new Set(framework.areas.map((a) => a.code));
  const findings: Finding[] = [];
  const claims = new Map<string, Claim>();
  /** Whether any criterion row has a self score, a "Không áp dụng" mark, evidence or an explanation written. */
  let filledIn = false;
  if (table.cut) findings.push(finding(`Báo cáo ${displayName}: ${table.cut}.`, undefined, 'review'));
  if (table.others.length > 0) {
    const sheets = quotedSheets([table.sheet, ...table.others]);
    if (table.byYear) {
      findings.push(finding(`Báo cáo ${displayName} có ${table.others.length + 1} trang tính cùng mẫu bảng tự đánh giá (${sheets}); trang "${table.sheet}" ghi năm ${year} nên được đọc, ${table.others.length > 1 ? 'các trang' : 'trang'} ${quotedSheets(table.others)} không được tính. Nên xóa trang thừa khỏi báo cáo.`));
    } else {
      findings.push({
        ...finding(`Báo cáo ${displayName} có ${table.others.length + 1} trang tính cùng mẫu bảng tự đánh giá (${sheets})${year !== undefined ? ` và không trang nào ghi riêng năm ${year}` : ''}: không rõ trang nào là báo cáo. Đã đọc trang "${table.sheet}" nhưng điểm tự đánh giá chưa được chấp nhận, mọi tiêu chí đơn vị tự chấm chờ Hội đồng thẩm định xem xét; đơn vị cần xóa trang thừa (hoặc ghi năm lên tên trang) rồi nộp lại.`, undefined, 'review'),
        allCriteria: true,
      });
    }
  }
  const other = namedUnit(table.preamble, unit, units);
  if (other) {
    const own = units.find((u) => u.code === unit);
    findings.push({
      ...finding(`Báo cáo ${displayName} ghi "${other.line}": đây là báo cáo của ${other.unit.name} (${other.unit.code}), không phải của ${own ? `${own.name} (${unit})` : `đơn vị ${unit}`}; điểm tự đánh giá trong báo cáo chưa được chấp nhận, mọi tiêu chí đơn vị tự chấm chờ Hội đồng thẩm định xem xét.`, undefined, 'review'),
      allCriteria: true,
    });
  }
  const unknownCell = new Map<number, string>();
  for (const p of table.problems) {
    const column = REPORT_COLUMNS[p.key][0];
    const reason = `${where(p.row)}, ô ${p.address} (cột "${column}"): ${p.reason}.`;
    if (p.key === 'self') unknownCell.set(p.row, reason);
    else findings.push(finding(reason, undefined, p.key === 'code' ? 'review' : 'info'));
  }

  // A code typed as text is normalised (criterion-code.ts); a code Excel turned into a number
  // (1.10 → 1.1) is resolved by what stands before and after it, and by its title (numeric-code.ts).
  const textCode = (value: CellValue) => normaliseCriterionCode(toText(value)).code.replace(/\.$/u, '');
  const rowCodes = table.rows.map(({ values }) => (typeof values.code === 'number' ? null : textCode(values.code)));
  let previous: string | null = null;
  for (const [i, { row, values }] of table.rows.entries()) {
    let code: string;
    if (typeof values.code === 'number') {
      code = toText(values.code);
      const next = rowCodes.slice(i + 1).find((c): c is string => !!c) ?? null;
      const resolved = resolveNumericCode(values.code, framework, { title: toText(values.title), previous, next, taken: new Set(claims.keys()) });
      if (resolved.code === null) {
        findings.push(finding(`${where(row)}: mã tiêu chí được lưu dạng số ${toText(values.code)}, có thể là ${resolved.candidates.join(' hoặc ')}; không xác định được là tiêu chí nào (${toText(values.title) || 'dòng không có tên tiêu chí'}). Đề nghị đơn vị định dạng cột mã là văn bản (Text) và nhập lại; Hội đồng thẩm định xem xét dòng này.`, resolved.candidates[0], 'review'));
        continue;
      }
      if (resolved.code !== code) {
        findings.push(finding(`${where(row)}: mã tiêu chí được Excel lưu dạng số ${toText(values.code)}; ${resolved.why}, dòng này được hiểu là tiêu chí ${resolved.code}.`, resolved.code));
      }
      code = resolved.code;
    } else {
      const typed = normaliseCriterionCode(toText(values.code));
      code = typed.code.replace(/\.$/u, '');
      if (code === '') continue;
      if (typed.changes.length > 0) {
        findings.push(finding(`${where(row)}: mã tiêu chí "${toText(values.code)}" được đọc là ${code} (đã sửa: ${typed.changes.join('; ')}); nên sửa lại trong báo cáo.`, known.has(code) ? code : undefined));
      }
    }
    previous = code;
    const criterion = known.get(code);
    const self = toNumber(values.self);
    if (!criterion) {
      if (areaCodes.has(code) || /^[IVX]+$/u.test(code)) continue;
      findings.push(finding(`${where(row)}: mã tiêu chí "${code}" không có trong bộ chỉ số ${framework.id}; dòng này bị bỏ qua.`));
      continue;
    }
    if (criterion.children.length > 0) {
      if (self !== null) {
        findings.push(finding(`${where(row)}: tiêu chí ${code} gồm các tiêu chí thành phần; điểm nhập ở dòng này không được tính, chỉ tính điểm các tiêu chí thành phần.`, code));
      }
      continue;
    }
    if (claims.has(code)) {
      findings.push(finding(`${where(row)}: tiêu chí ${code} xuất hiện lần thứ hai; chỉ tính dòng ${claims.get(code)?.row}.`, code, 'review'));
      continue;
    }
    let score: number | null = self;
    let unclear = false;
    const unknown = unknownCell.get(row);
    if (unknown) {
      findings.push(finding(`${unknown} Điểm tự đánh giá của tiêu chí ${code} chưa xác định được; đề nghị Hội đồng thẩm định xem xét.`, code, 'review'));
      unclear = true;
    } else if (self !== null && Number.isNaN(self)) {
      findings.push(finding(`${where(row)}: điểm tự đánh giá "${toText(values.self)}" của tiêu chí ${code} không phải là số.`, code, 'review'));
      score = null;
      unclear = true;
    } else if (self !== null && self < 0) {
      findings.push(finding(`${where(row)}: điểm tự đánh giá ${formatScore(self)} của tiêu chí ${code} là số âm.`, code, 'review'));
      score = null;
      unclear = true;
    }
    const mark = readNotApplicableMark(values.notApplicable);
    // A row left unscored though it lists evidence or explains (a report filled half-way): the
    // unit's score is unknown, not 0 by choice; its evidence is checked and the council decides.
    const blank = self === null && !unknown && !criterion.survey && mark !== 'yes'
      && (toText(values.evidence) !== '' || toText(values.explanation) !== '');
    if (blank) {
      findings.push(finding(`${where(row)}: điểm tự đánh giá của tiêu chí ${code} để trống, nhưng dòng này có kê tài liệu kiểm chứng hoặc giải trình; chưa tính điểm tự đánh giá (0 điểm), đề nghị Hội đồng thẩm định xem xét.`, code, 'review'));
      unclear = true;
    }
    if (mark === 'unclear') {
      findings.push(finding(`${where(row)}: cột "Không áp dụng" của tiêu chí ${code} ghi "${toText(values.notApplicable)}", không rõ là có đánh dấu hay không; tiêu chí vẫn được tính vào điểm tối đa. Đánh dấu "x" nếu tiêu chí không áp dụng.`, code, 'review'));
    }
    if ([values.self, values.notApplicable, values.evidence, values.explanation].some((v) => toText(v).trim() !== '')) filledIn = true;
    const claim: Claim = {
      criterion: code,
      self: score,
      notApplicable: mark === 'yes',
      evidenceFiles: splitFileList(toText(values.evidence)),
      explanation: toText(values.explanation),
      row,
    };
    if (unclear) {
      claim.selfUnclear = true;
      const written = toText(values.self);
      if (written !== '' || blank) claim.selfText = written;
    }
    const figure = readFigure(criterion, values, (reason) => findings.push(finding(`${where(row)}: ${reason}`, code, 'review')));
    if (figure) claim.figure = figure;
    claims.set(code, claim);
  }

  // A report with nothing filled in (the blank template uploaded as is) is no report: ranking the
  // unit on survey points alone would publish a rating nobody appraised.
  if (!filledIn && table.problems.length === 0) {
    return {
      report: null,
      findings: [...findings, finding(`Báo cáo tự đánh giá ${displayName} chưa được điền: không tiêu chí nào có điểm tự đánh giá, tài liệu kiểm chứng hay giải trình (có thể là mẫu báo cáo trống); đơn vị chưa được thẩm định.`, undefined, 'review')],
    };
  }
  // A merged cell across two criteria's rows (H12:H13): its content is read for both; said, so the
  // council knows 1.3.2's explanation is 1.3.1's. A score merged so is the unit's claim for neither alone.
  const codeAt = new Map([...claims.values()].map((c) => [c.row, c.criterion]));
  for (const m of table.merged) {
    const code = codeAt.get(m.row);
    const from = codeAt.get(m.fromRow);
    if (!code || !from || code === from) continue;
    const column = REPORT_COLUMNS[m.key][0];
    const score = m.key === 'self' || m.key === 'notApplicable';
    findings.push(finding(`${where(m.row)}: ô ${m.address} (cột "${column}") được gộp với ô ${m.from} của tiêu chí ${from}; nội dung của tiêu chí ${from} được đọc cho cả tiêu chí ${code}${score ? '; điểm này chờ Hội đồng thẩm định xem xét' : ''}. Nên tách ô và ghi riêng cho từng tiêu chí.`, code, score ? 'review' : 'info'));
  }
  for (const [code, criterion] of known) {
    if (criterion.children.length === 0 && !criterion.survey && !claims.has(code)) {
      findings.push(finding(`Báo cáo ${displayName} không có dòng cho tiêu chí ${code} (${criterion.title}).`, code));
    }
  }
  return { report: { file: path.resolve(file), sheet: table.sheet, claims: [...claims.values()] }, findings };
}

/**
 * The figure a row reports for a criterion scored from one: "Số liệu", or "Tử số" and "Mẫu số" (the
 * percentage computed). A percentage may be written `85`, `85,5` or `85%`. A figure that is not a
 * number, outside 0–100%, negative, or a ratio over a zero denominator is reported and not used.
 */
function readFigure(criterion: Criterion, values: Record<string, CellValue>, problem: (reason: string) => void): Claim['figure'] | undefined {
  const raw = (v: CellValue) => (typeof v === 'string' ? v.replace(/%\s*$/u, '') : v);
  const figureCell = toNumber(raw(values.figure ?? null));
  const num = toNumber(raw(values.numerator ?? null));
  const den = toNumber(raw(values.denominator ?? null));
  if (figureCell === null && num === null && den === null) return undefined;
  const scale = criterion.figure;
  if (!scale) {
    problem(`tiêu chí ${criterion.code} không chấm theo số liệu; số liệu ở dòng này không được dùng.`);
    return undefined;
  }
  const label = `số liệu của tiêu chí ${criterion.code}`;
  for (const [name, v, cell] of [['Số liệu', figureCell, values.figure], ['Tử số', num, values.numerator], ['Mẫu số', den, values.denominator]] as const) {
    if (v !== null && Number.isNaN(v)) {
      problem(`cột "${name}" của tiêu chí ${criterion.code} ghi "${toText(cell ?? null)}", không phải là số.`);
      return undefined;
    }
    if (v !== null && v < 0) {
      problem(`cột "${name}" của tiêu chí ${criterion.code} là số âm (${toText(cell ?? null)}).`);
      return undefined;
    }
  }
  let value = figureCell;
  const out: NonNullable<Claim['figure']> = { value: 0 };
  if (num !== null || den !== null) {
    if (num === null || den === null) {
      problem(`${label}: cần cả "Tử số" và "Mẫu số".`);
      return undefined;
    }
    if (den === 0) {
      problem(`${label}: "Mẫu số" bằng 0, không tính được tỷ lệ.`);
      return undefined;
    }
    const ratio = scale.unit === PERCENT ? (num / den) * 100 : num / den;
    if (value !== null && Math.abs(value - ratio) > 0.01) {
      problem(`${label}: cột "Số liệu" ghi ${formatFigure(scale, value)} nhưng Tử số/Mẫu số là ${num}/${den} = ${formatFigure(scale, ratio)}; dùng tỷ lệ tính từ Tử số và Mẫu số.`);
    }
    value = ratio;
    out.numerator = num;
    out.denominator = den;
  }
  if (value === null) return undefined;
  if (scale.unit === PERCENT && value > 100) {
    problem(`${label} là ${formatFigure(scale, value)}, nằm ngoài khoảng 0–100%.`);
    return undefined;
  }
  out.value = Math.round(value * 100) / 100;
  return out;
}

/**
 * Another unit of the batch that the report's heading names (the template writes
 * `Đơn vị: <tên> (mã <MÃ>)` above the table), with the line naming it; null when the heading names
 * this unit, names no unit of the batch, or says nothing (a placeholder `(mã ………)`).
 */
export function namedUnit(
  preamble: string[], unit: string, units: ReadonlyArray<Pick<Unit, 'code' | 'name'>>,
): { unit: Pick<Unit, 'code' | 'name'>; line: string } | null {
  const same = (a: string, b: string) => foldVietnamese(a) === foldVietnamese(b);
  const own = units.find((u) => u.code === unit);
  const others = units.filter((u) => u.code !== unit);
  for (const line of preamble) {
    const code = /\(\s*mã\s+([^)\s]+)\s*\)/iu.exec(line)?.[1];
    if (code !== undefined) {
      if (same(code, unit)) return null;
      const other = others.find((u) => same(u.code, code));
      if (other) return { unit: other, line };
    }
    const name = /^\s*(?:tên\s+)?(?:đơn vị|cơ quan)\s*:\s*(.+?)\s*(?:\(.*\))?\s*$/iu.exec(line)?.[1];
    if (name !== undefined) {
      if (own && same(own.name, name)) return null;
      const other = others.find((u) => same(u.name, name));
      if (other) return { unit: other, line };
    }
  }
  return null;
}
