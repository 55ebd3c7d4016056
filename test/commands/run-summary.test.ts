// The summary `cchc run` prints: its error lines read like every other error of the program (`Lỗi: …`).
import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../pipeline/commands/run.js';
import type { CriterionResult, UnitResult } from '../../pipeline/model.js';
import type { RunSummary } from '../../pipeline/run/run-batch.js';
import { checkedCriteria } from '../../pipeline/run/run-full.js';

const summary = (over: Partial<RunSummary> = {}): RunSummary => ({
  units: 8, unitsWithErrors: 0, criteriaChecked: 120, evidenceFiles: 188, unreadableFiles: 4,
  findingsByRule: {}, findingsByEffect: {}, ruleLabels: {},
  provisional: { pendingCriteria: 0, unverifiedReadings: 0, inputErrors: [], count: 0 },
  outputs: [], elapsedMs: 1000, kept: false, phases: {} as RunSummary['phases'],
  ...over,
});

describe('formatSummary', () => {
  it('an input workbook that cannot be read is a `Lỗi:` line, as the CLI\'s errors are', () => {
    const reason = 'chưa có kết quả điều tra xã hội học: tệp dieu-tra.xlsx không đọc được (không tìm thấy tệp)';
    const text = formatSummary(summary({ provisional: { pendingCriteria: 0, unverifiedReadings: 0, inputErrors: [{ input: 'survey', file: 'dieu-tra.xlsx', reason }], count: 1 } }), 'output');
    expect(text).toContain(`  Lỗi: ${reason}.`);
    expect(text).not.toContain('LỖI');
  });

  it('criteria checked: all units appraised → the plain label; some not → says the count is theirs', () => {
    expect(formatSummary(summary(), 'output')).toContain('  Tiêu chí đã kiểm tra: 120\n');
    expect(formatSummary(summary({ unitsWithErrors: 2, criteriaChecked: 342 }), 'output')).toContain('  Tiêu chí đã kiểm tra (của các đơn vị đã thẩm định): 342\n');
  });
});

describe('checkedCriteria', () => {
  const unit = (status: UnitResult['status'], leaves: number): UnitResult => ({
    status, criteria: [
      { leaf: false } as CriterionResult,
      ...Array.from({ length: leaves }, () => ({ leaf: true }) as CriterionResult),
    ],
  }) as UnitResult;
  it('6 units appraised × 57 criteria, 2 not appraised (report unreadable) → 342, not 456', () => {
    expect(checkedCriteria([...Array.from({ length: 6 }, () => unit('ok', 57)), unit('error', 57), unit('error', 57)])).toBe(342);
  });
});
