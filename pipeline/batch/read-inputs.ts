// Optional per-batch inputs the secretariat provides: survey points (điều tra xã hội học),
// bonus and penalty points (điểm thưởng, điểm trừ) and the council's own decisions.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Adjustment, Batch, CouncilDecision, Finding } from '../model.js';
import { foldVietnamese } from '../util/text.js';
import { readTable, TableError, toNumber, toText } from './xlsx-table.js';

export interface BatchInputs {
  /** unit code → criterion code → points */
  survey: Map<string, Map<string, number>>;
  adjustments: Adjustment[];
  councilDecisions: CouncilDecision[];
  /** Problems in these files, as batch-level findings. */
  findings: Finding[];
}

export const INPUT_RULE = 'input-format';

export async function readBatchInputs(batch: Batch): Promise<BatchInputs> {
  const out: BatchInputs = { survey: new Map(), adjustments: [], councilDecisions: [], findings: [] };
  const units = new Set(batch.units.map((u) => u.code));
  const problem = (reason: string, unit = '') => out.findings.push({ rule: INPUT_RULE, effect: 'info', reason, unit });
  const rel = (file: string) => path.relative(batch.dir, file) || file;

  const open = async <K extends string>(file: string | undefined, columns: Record<K, string[]>, required: NoInfer<K>[]) => {
    if (!file) return null;
    if (!existsSync(file)) {
      problem(`Không tìm thấy tệp ${rel(file)} khai báo trong batch.yaml.`);
      return null;
    }
    try {
      return await readTable(file, { columns, required });
    } catch (error) {
      problem(`Tệp ${rel(file)} không đọc được: ${error instanceof TableError ? error.message : (error as Error).message}.`);
      return null;
    }
  };
  const checkUnit = (file: string, row: number, unit: string) => {
    if (units.has(unit)) return true;
    problem(`${rel(file)}, dòng ${row}: mã đơn vị "${unit}" không có trong batch.yaml; dòng này bị bỏ qua.`);
    return false;
  };

  const survey = await open(batch.inputs.survey, {
    unit: ['Mã đơn vị'], criterion: ['Mã tiêu chí'], points: ['Điểm', 'Điểm điều tra'],
  }, ['unit', 'criterion', 'points']);
  if (survey && batch.inputs.survey) {
    for (const { row, values } of survey.rows) {
      const unit = toText(values.unit);
      const points = toNumber(values.points);
      if (!checkUnit(batch.inputs.survey, row, unit)) continue;
      if (points === null || Number.isNaN(points) || points < 0) {
        problem(`${rel(batch.inputs.survey)}, dòng ${row}: điểm điều tra "${toText(values.points)}" không hợp lệ.`, unit);
        continue;
      }
      const map = out.survey.get(unit) ?? new Map<string, number>();
      map.set(toText(values.criterion), points);
      out.survey.set(unit, map);
    }
  }

  const adjustments = await open(batch.inputs.adjustments, {
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

  const decisions = await open(batch.inputs.councilDecisions, {
    unit: ['Mã đơn vị'], criterion: ['Mã tiêu chí'], score: ['Điểm Hội đồng', 'Điểm thẩm định'], note: ['Ghi chú Hội đồng', 'Ghi chú', 'Lý do'],
  }, ['unit', 'criterion', 'score']);
  if (decisions && batch.inputs.councilDecisions) {
    for (const { row, values } of decisions.rows) {
      const score = toNumber(values.score);
      // The results workbook re-imported: rows the council left blank are no decision.
      if (score === null) continue;
      const unit = toText(values.unit);
      if (!checkUnit(batch.inputs.councilDecisions, row, unit)) continue;
      if (Number.isNaN(score) || score < 0) {
        problem(`${rel(batch.inputs.councilDecisions)}, dòng ${row}: điểm thẩm định "${toText(values.score)}" không hợp lệ.`, unit);
        continue;
      }
      out.councilDecisions.push({ unit, criterion: toText(values.criterion), score, note: toText(values.note) });
    }
  }
  return out;
}
