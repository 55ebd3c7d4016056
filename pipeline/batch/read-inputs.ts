// Optional per-batch inputs the secretariat provides: survey points (điều tra xã hội học),
// bonus and penalty points (điểm thưởng, điểm trừ) and the council's own decisions.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Adjustment, Batch, CouncilDecision, Finding, InputError } from '../model.js';
import { toPosix } from '../util/files.js';
import { foldVietnamese, formatScore } from '../util/text.js';
import { loadWorkbook, quotedSheets, readTable, readTableFrom, TableError, toNumber, toText } from './xlsx-table.js';

export interface BatchInputs {
  /** unit code → criterion code → points */
  survey: Map<string, Map<string, number>>;
  adjustments: Adjustment[];
  councilDecisions: CouncilDecision[];
  /** Problems in these files, as batch-level findings. */
  findings: Finding[];
  /** Declared files that are missing or cannot be read at all: the run's results are provisional. */
  errors: InputError[];
}

export const INPUT_RULE = 'input-format';

/** What the batch lacks when an input cannot be read, as the decision draft and the summary say it. */
export const INPUT_MISSING: Record<InputError['input'], string> = {
  survey: 'chưa có kết quả điều tra xã hội học',
  adjustments: 'chưa có điểm thưởng, điểm trừ',
  councilDecisions: 'chưa có kết luận của Hội đồng thẩm định',
};

/**
 * Per unit code: its framework's survey criteria, every criterion code it knows and, when given,
 * each survey criterion's maximum points (to check survey rows).
 */
export type UnitCriteria = Record<string, { survey: string[]; known: string[]; surveyMax?: Record<string, number> }>;

/**
 * Read the declared input workbooks. `criteria` (per unit: its framework's survey criteria and all
 * its codes) lets survey rows be checked: a row for a criterion that is not a survey criterion, or
 * a second row for the same unit and criterion, is a finding naming the rows, never dropped or
 * overridden in silence.
 */
export async function readBatchInputs(batch: Batch, criteria?: UnitCriteria): Promise<BatchInputs> {
  const out: BatchInputs = { survey: new Map(), adjustments: [], councilDecisions: [], findings: [], errors: [] };
  const units = new Set(batch.units.map((u) => u.code));
  const problem = (reason: string, unit = '') => out.findings.push({ rule: INPUT_RULE, effect: 'info', reason, unit });
  const rel = (file: string) => toPosix(path.relative(batch.dir, file) || file);
  /** A declared input that is missing or unreadable: a run-level error, and a finding for the findings sheet. */
  const failed = (input: InputError['input'], file: string, why: string) => {
    const reason = `${INPUT_MISSING[input]}: ${why}`;
    out.errors.push({ input, file: rel(file), reason });
    out.findings.push({ rule: INPUT_RULE, effect: 'review', reason: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}; kết quả xếp hạng chưa phải là kết quả cuối cùng.`, unit: '', file: rel(file) });
  };
  const cellProblems = (file: string, table: { sheet: string; problems: Array<{ row: number; address: string; reason: string }> }) => {
    for (const p of table.problems) problem(`${rel(file)}, trang "${table.sheet}", ô ${p.address}: ${p.reason}; dòng ${p.row} bị bỏ qua.`);
  };

  const open = async <K extends string>(input: InputError['input'], file: string | undefined, columns: Record<K, string[]>, required: NoInfer<K>[]) => {
    if (!file) return null;
    if (!existsSync(file)) {
      failed(input, file, `không tìm thấy tệp ${rel(file)} khai báo trong batch.yaml`);
      return null;
    }
    try {
      const table = await readTable(file, { columns, required, year: batch.year });
      // The table on several sheets (last year's kept beside this year's): this year's when one sheet
      // says so; otherwise no guess: the input counts as unreadable until the extra sheets go.
      if (table.others.length > 0) {
        const sheets = quotedSheets([table.sheet, ...table.others]);
        if (!table.byYear) {
          failed(input, file, `tệp ${rel(file)} có ${table.others.length + 1} trang tính cùng mẫu bảng (${sheets}) và không trang nào ghi riêng năm ${batch.year}: không rõ trang nào dùng, nên chưa trang nào được tính; cần xóa trang thừa hoặc ghi năm lên tên trang`);
          return null;
        }
        problem(`Tệp ${rel(file)} có ${table.others.length + 1} trang tính cùng mẫu bảng (${sheets}); trang "${table.sheet}" ghi năm ${batch.year} nên được dùng, các trang khác không được tính.`);
      }
      if (table.cut) problem(`Tệp ${rel(file)}: ${table.cut}.`);
      cellProblems(file, table);
      return table;
    } catch (error) {
      failed(input, file, `tệp ${rel(file)} không đọc được (${error instanceof TableError ? error.message : 'lỗi không xác định khi đọc tệp'})`);
      return null;
    }
  };
  const checkUnit = (file: string, row: number, unit: string) => {
    if (units.has(unit)) return true;
    problem(`${rel(file)}, dòng ${row}: mã đơn vị "${unit}" không có trong batch.yaml; dòng này bị bỏ qua.`);
    return false;
  };

  const survey = await open('survey', batch.inputs.survey, {
    unit: ['Mã đơn vị'], criterion: ['Mã tiêu chí'], points: ['Điểm', 'Điểm điều tra'],
  }, ['unit', 'criterion', 'points']);
  if (survey && batch.inputs.survey) {
    const file = rel(batch.inputs.survey);
    /** unit → criterion → the first row giving its points, and rows that disagree with it. */
    const seen = new Map<string, { row: number; points: number; conflicts: Array<{ row: number; points: number }> }>();
    for (const { row, values } of survey.rows) {
      const unit = toText(values.unit);
      const criterion = toText(values.criterion);
      const points = toNumber(values.points);
      if (!checkUnit(batch.inputs.survey, row, unit)) continue;
      if (points === null || Number.isNaN(points) || points < 0) {
        problem(`${file}, dòng ${row}: điểm điều tra "${toText(values.points)}" không hợp lệ.`, unit);
        continue;
      }
      const own = criteria?.[unit];
      if (own && !own.survey.includes(criterion)) {
        const what = own.known.includes(criterion)
          ? `tiêu chí ${criterion} không phải tiêu chí đánh giá qua điều tra xã hội học trong bộ chỉ số của đơn vị ${unit}`
          : `mã tiêu chí "${criterion}" không có trong bộ chỉ số của đơn vị ${unit}`;
        problem(`${file}, dòng ${row}: ${what}; điểm ${formatScore(points)} của dòng này không được tính (các tiêu chí điều tra: ${own.survey.join(', ') || 'không có'}).`, unit);
        continue;
      }
      // Above the criterion's maximum: a slip (a percentage in the points column), not points to cap.
      const max = own?.surveyMax?.[criterion];
      if (max !== undefined && points > max) {
        out.findings.push({
          rule: INPUT_RULE, effect: 'review', unit, criterion, file,
          reason: `${file}, dòng ${row}: điểm điều tra ${formatScore(points)} của tiêu chí ${criterion} (đơn vị ${unit}) vượt điểm tối đa ${formatScore(max)} điểm, có thể nhập nhầm (ví dụ tỷ lệ %); dòng này không được tính cho đến khi bảng điều tra được sửa.`,
        });
        continue;
      }
      const key = `${unit}\u0000${criterion}`;
      const first = seen.get(key);
      if (first) {
        if (first.points === points) {
          problem(`${file}, dòng ${row}: trùng với dòng ${first.row} (đơn vị ${unit}, tiêu chí ${criterion}, cùng ${formatScore(points)} điểm); điểm được tính một lần.`, unit);
        } else first.conflicts.push({ row, points });
        continue;
      }
      seen.set(key, { row, points, conflicts: [] });
      const map = out.survey.get(unit) ?? new Map<string, number>();
      map.set(criterion, points);
      out.survey.set(unit, map);
    }
    // Two rows that disagree: neither is taken (a wrong score is worse than none); the council decides.
    for (const [key, first] of seen) {
      if (first.conflicts.length === 0) continue;
      const [unit = '', criterion = ''] = key.split('\u0000');
      out.survey.get(unit)?.delete(criterion);
      const rows = [first, ...first.conflicts];
      out.findings.push({
        rule: INPUT_RULE, effect: 'review', unit, criterion, file,
        reason: `${file}: đơn vị ${unit}, tiêu chí ${criterion} có ${rows.length} dòng điểm điều tra khác nhau (${rows.map((r) => `dòng ${r.row}: ${formatScore(r.points)} điểm`).join('; ')}); không dòng nào được tính cho đến khi bảng điều tra được sửa, chỉ giữ một dòng.`,
      });
    }
  }

  const adjustments = await open('adjustments', batch.inputs.adjustments, {
    unit: ['Mã đơn vị'], kind: ['Loại'], points: ['Điểm'], reason: ['Lý do', 'Nội dung'],
  }, ['unit', 'kind', 'points']);
  if (adjustments && batch.inputs.adjustments) {
    for (const { row, values } of adjustments.rows) {
      const unit = toText(values.unit);
      if (!checkUnit(batch.inputs.adjustments, row, unit)) continue;
      const kindText = foldVietnamese(toText(values.kind));
      const kind = kindText.startsWith('thuong') ? 'bonus' : kindText.startsWith('tru') ? 'penalty' : null;
      const points = toNumber(values.points);
      if (!kind || points === null || Number.isNaN(points) || points < 0) {
        problem(`${rel(batch.inputs.adjustments)}, dòng ${row}: cần "Loại" là Thưởng hoặc Trừ và "Điểm" là số không âm.`, unit);
        continue;
      }
      out.adjustments.push({ unit, kind, points, reason: toText(values.reason) });
    }
  }

  // The council's own file, or the results workbook re-imported with its "Điểm Hội đồng" column
  // filled in: that column wins over "Điểm thẩm định" (in the workbook, the proposal); blank rows
  // are criteria the council left as proposed.
  const decisionsFile = batch.inputs.councilDecisions;
  const decisions = decisionsFile ? await readDecisionTable(decisionsFile, (why) => failed('councilDecisions', decisionsFile, why), rel) : null;
  if (decisions && decisionsFile) {
    // Rows cut from a huge workbook are that file's finding, not a failure to read it.
    if (decisions.table.cut) problem(`Tệp ${rel(decisionsFile)}: ${decisions.table.cut}.`);
    cellProblems(decisionsFile, decisions.table);
  }
  if (decisions && decisionsFile) {
    const decided = new Map<string, Array<{ row: number; decision: CouncilDecision }>>();
    const take = (row: number, decision: CouncilDecision) => {
      const key = `${decision.unit}\u0000${decision.criterion}`;
      decided.set(key, [...(decided.get(key) ?? []), { row, decision }]);
    };
    for (const { row, values } of decisions.table.rows) {
      const unit = toText(values.unit);
      const criterion = toText(values.criterion);
      const cell = values[decisions.scoreColumn];
      if (unit === '' || criterion === '' || cell === null || cell === '') continue;
      if (!checkUnit(decisionsFile, row, unit)) continue;
      const note = toText(values.councilNote ?? values.note);
      if (typeof cell === 'string' && NOT_APPLICABLE.test(foldVietnamese(cell))) {
        take(row, { unit, criterion, score: 0, note, notApplicable: true });
        continue;
      }
      const score = toNumber(cell);
      if (score === null || Number.isNaN(score) || score < 0) {
        problem(`${rel(decisionsFile)}, dòng ${row}: điểm Hội đồng "${toText(cell)}" của tiêu chí ${criterion} không hợp lệ (cần một số không âm, hoặc "KAD" nếu tiêu chí không áp dụng).`, unit);
        continue;
      }
      take(row, { unit, criterion, score, note });
    }
    // The same criterion decided twice: the same way → taken once (said); two ways → neither is
    // taken (a wrong score is worse than none) and the criterion stays before the council.
    const file = rel(decisionsFile);
    const shown = (d: CouncilDecision) => (d.notApplicable ? 'KAD' : `${formatScore(d.score)} điểm`);
    for (const rows of decided.values()) {
      const [first, ...others] = rows;
      if (!first) continue;
      const { unit, criterion } = first.decision;
      if (others.every((r) => shown(r.decision) === shown(first.decision))) {
        out.councilDecisions.push(first.decision);
        if (others.length > 0) problem(`${file}, dòng ${others.map((r) => r.row).join(', ')}: trùng với dòng ${first.row} (đơn vị ${unit}, tiêu chí ${criterion}, cùng ${shown(first.decision)}); điểm Hội đồng được tính một lần.`, unit);
        continue;
      }
      out.findings.push({
        rule: INPUT_RULE, effect: 'review', unit, criterion, file,
        reason: `${file}: đơn vị ${unit}, tiêu chí ${criterion} có ${rows.length} dòng điểm Hội đồng khác nhau (${rows.map((r) => `dòng ${r.row}: ${shown(r.decision)}`).join('; ')}); không dòng nào được tính cho đến khi tệp kết luận được sửa, chỉ giữ một dòng.`,
      });
    }
  }
  return out;
}

const NOT_APPLICABLE = /^(kad|khong ap dung)$/u;

const DECISION_COLUMNS = {
  unit: ['Mã đơn vị'],
  criterion: ['Mã tiêu chí'],
  council: ['Điểm Hội đồng'],
  score: ['Điểm thẩm định'],
  councilNote: ['Ghi chú Hội đồng'],
  note: ['Ghi chú', 'Lý do'],
};

async function readDecisionTable(file: string, problem: (why: string) => void, rel: (file: string) => string) {
  if (!existsSync(file)) {
    problem(`không tìm thấy tệp ${rel(file)} khai báo trong batch.yaml`);
    return null;
  }
  try {
    const workbook = await loadWorkbook(file);
    const sheets = ['Tổng hợp', 'Quyết định Hội đồng'];
    try {
      const table = readTableFrom(workbook, { columns: DECISION_COLUMNS, required: ['unit', 'criterion', 'council'], sheets });
      return { table, scoreColumn: 'council' as const };
    } catch (error) {
      if (!(error instanceof TableError)) throw error;
      const table = readTableFrom(workbook, { columns: DECISION_COLUMNS, required: ['unit', 'criterion', 'score'], sheets });
      return { table, scoreColumn: 'score' as const };
    }
  } catch (error) {
    problem(`tệp ${rel(file)} không đọc được (${error instanceof TableError ? error.message : 'lỗi không xác định khi đọc tệp'})`);
    return null;
  }
}
