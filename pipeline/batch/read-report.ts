// Read a unit's report.xlsx into claims. Problems become findings for that unit;
// only a report that cannot be read at all returns no claims.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Claim, Criterion, Finding, Framework, Report } from '../model.js';
import { formatFigure, PERCENT } from '../framework/figure.js';
import { allCriteria } from '../framework/load-framework.js';
import { formatScore } from '../util/text.js';
import { normaliseCriterionCode } from './criterion-code.js';
import { isTruthyMark, REPORT_COLUMNS, REPORT_SHEET, splitFileList } from './report-format.js';
import { readTable, TableError, toNumber, toText, type CellValue } from './xlsx-table.js';

export const REPORT_FILE = 'report.xlsx';
/** Bump when reading reports changes, so readings kept by content are not reused. */
export const REPORT_READER_VERSION = 'report-2';
export const REPORT_RULE = 'report-format';

export interface ReportReading {
  report: Report | null;
  findings: Finding[];
}

export async function readReport(file: string, framework: Framework, unit: string, displayName = file): Promise<ReportReading> {
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
    });
  } catch (error) {
    const why = error instanceof TableError ? error.message : (error as Error).message;
    return { report: null, findings: [finding(`Báo cáo tự đánh giá ${displayName} không đọc được: ${why}.`)] };
  }

  const where = (row: number) => `${displayName}, trang "${table.sheet}", dòng ${row}`;
  const known = new Map(allCriteria(framework).map((e) => [e.criterion.code, e.criterion]));
  const areaCodes = new Set(framework.areas.map((a) => a.code));
  const findings: Finding[] = [];
  const claims = new Map<string, Claim>();
  if (table.cut) findings.push(finding(`Báo cáo ${displayName}: ${table.cut}. Hãy xóa các dòng thừa.`, undefined, 'review'));

  for (const { row, values } of table.rows) {
    const typed = normaliseCriterionCode(toText(values.code));
    const code = typed.code.replace(/\.$/u, '');
    if (code === '') continue;
    if (typed.changes.length > 0) {
      findings.push(finding(`${where(row)}: mã tiêu chí "${toText(values.code)}" được đọc là ${code} (đã sửa: ${typed.changes.join('; ')}); nên sửa lại trong báo cáo.`, known.has(code) ? code : undefined));
    }
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
    if (self !== null && Number.isNaN(self)) {
      findings.push(finding(`${where(row)}: điểm tự đánh giá "${toText(values.self)}" của tiêu chí ${code} không phải là số.`, code, 'review'));
      score = null;
    } else if (self !== null && self < 0) {
      findings.push(finding(`${where(row)}: điểm tự đánh giá ${formatScore(self)} của tiêu chí ${code} là số âm.`, code, 'review'));
      score = null;
    }
    const claim: Claim = {
      criterion: code,
      self: score,
      notApplicable: isTruthyMark(values.notApplicable),
      evidenceFiles: splitFileList(toText(values.evidence)),
      explanation: toText(values.explanation),
      row,
    };
    const figure = readFigure(criterion, values, (reason) => findings.push(finding(`${where(row)}: ${reason}`, code, 'review')));
    if (figure) claim.figure = figure;
    claims.set(code, claim);
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
