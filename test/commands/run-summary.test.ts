// The summary `cchc run` prints: its error lines read like every other error of the program (`Lỗi: …`).
import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../pipeline/commands/run.js';
import type { RunSummary } from '../../pipeline/run/run-batch.js';

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
});
