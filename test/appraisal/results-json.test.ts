// Issue 12, item 9: a unit that could not be appraised carries no total or index in results.json
// (survey points alone, 19,84 or 20,65, would be ranked by any dashboard), with the reason.
import { describe, expect, it } from 'vitest';
import { appraiseUnit } from '../../pipeline/appraisal/appraise.js';
import { rankUnits } from '../../pipeline/appraisal/rank.js';
import { renderResultsJson } from '../../pipeline/documents/results-json.js';
import type { BatchResult } from '../../pipeline/model.js';
import { frameworkFrom, testBatch } from '../rules/support/factory.js';

const framework = frameworkFrom({
  id: 'nho', name: 'Bộ chỉ số kiểm thử', province: 'Kiểm thử', level: 'so',
  scoring: { scale: 100, bands: [{ label: 'Tốt', min: 80 }, { label: 'Yếu', min: 0 }], bonusMax: 3, penaltyMax: 3 },
  rules: {},
  areas: [
    { code: '1', title: 'Chỉ đạo', criteria: [{ code: '1.1', title: 'Kế hoạch', max: 70, evidence: { required: false } }] },
    { code: '2', title: 'Hài lòng', kind: 'survey', criteria: [{ code: '2.1', title: 'Tiếp cận', max: 30, survey: true }] },
  ],
});

describe('results.json for a unit that could not be appraised', () => {
  it('has null totals and index, no rank, and the reason; survey points alone are not a score', () => {
    const batch = testBatch();
    const unit = appraiseUnit({
      unit: { code: 'SYT', name: 'Sở Y tế', group: 'so' }, batch, framework, claims: null, evidence: [],
      survey: new Map([['2.1', 19.84]]), adjustments: [], councilDecisions: [],
      findings: [{ rule: 'report-format', effect: 'info', unit: 'SYT', reason: 'Không có báo cáo tự đánh giá (units/SYT/report.xlsx): đơn vị chưa được thẩm định.' }],
    });
    expect(unit.appraisedTotal).toBe(19.84); // in memory the survey points are there…
    const result: BatchResult = {
      province: 'Kiểm thử', year: 2021, dataWindow: batch.dataWindow, cutoff: batch.cutoff, groups: batch.groups,
      units: rankUnits([unit]), findings: [],
    };
    const json = JSON.parse(renderResultsJson({ batch, result, frameworks: new Map([[framework.id, framework]]) })) as { units: Array<Record<string, unknown>> };
    // …but nothing a dashboard could rank reaches results.json.
    expect(json.units[0]).toMatchObject({
      code: 'SYT', status: 'error', rank: null, appraisedTotal: null, index: null, selfTotal: null, maxApplicable: null,
      notAppraisedReason: 'Không có báo cáo tự đánh giá (units/SYT/report.xlsx): đơn vị chưa được thẩm định',
    });
  });

  it('a report that is a PDF: the reason is the report\'s alone, with no bonus counted or capped (4 given, at most 3)', () => {
    const batch = testBatch();
    const reason = 'Báo cáo tự đánh giá units/SXD/report.xlsx không đọc được: đây là tệp PDF, không phải bảng tính Excel.';
    const unit = appraiseUnit({
      unit: { code: 'SXD', name: 'Sở Xây dựng', group: 'so' }, batch, framework, claims: null, evidence: [],
      survey: new Map(), adjustments: [{ unit: 'SXD', kind: 'bonus', points: 4, reason: 'Sáng kiến' }], councilDecisions: [],
      findings: [{ rule: 'report-format', effect: 'info', unit: 'SXD', reason }],
    });
    expect(unit.bonus).toBe(0);
    expect(unit.findings.map((f) => f.rule)).toEqual(['report-format']);
    const result: BatchResult = {
      province: 'Kiểm thử', year: 2021, dataWindow: batch.dataWindow, cutoff: batch.cutoff, groups: batch.groups,
      units: rankUnits([unit]), findings: [],
    };
    const json = JSON.parse(renderResultsJson({ batch, result, frameworks: new Map([[framework.id, framework]]) })) as { units: Array<Record<string, unknown>> };
    expect(json.units[0]?.notAppraisedReason).toBe(reason.replace(/\.$/u, ''));
  });
});
