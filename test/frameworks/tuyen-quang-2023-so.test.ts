// Tuyên Quang 2023 (departments): each reform area carries a criterion scored by the survey of four
// groups of leaders (§2), beside the citizens' satisfaction (SIPAS). Units do not self-score them;
// interference cancels a unit's whole survey (§2d). Self-scored criteria total 55 of 100.
import { describe, expect, it } from 'vitest';
import { leafCriteria } from '../../pipeline/framework/load-framework.js';
import { appraiseBatch, batchFor, bundled, criterionOf, unitOf } from './support/batch.js';

describe('Tuyên Quang 2023, departments', async () => {
  const framework = await bundled('tuyen-quang-2023-so');
  const surveyCodes = leafCriteria(framework).filter((e) => e.criterion.survey).map((e) => e.criterion.code);
  const results = appraiseBatch(framework, batchFor(framework), [
    // Self-scores the leaders' survey criteria 1.6 (2) and 7.5 (3): not counted. The survey gives
    // 1,5 and 2,4: 100 − 0,5 − 0,6 = 98,9. The unit's own total stays 55.
    { code: 'SYT', group: 'so', issuer: 'SYT', changes: { '1.6': { self: 2 }, '7.5': { self: 3 } }, survey: { '1.6': 1.5, '7.5': 2.4 } },
    // Survey cancelled under §2d: the secretariat enters 0 for every survey criterion → 55 → Yếu.
    { code: 'SNN', group: 'so', issuer: 'SNN', survey: Object.fromEntries(surveyCodes.map((c) => [c, 0])) },
    // 8.5 missing from the survey file: 0 for now, sent to the council → 94.
    { code: 'SCT', group: 'so', issuer: 'SCT', survey: { '8.5': null } },
  ]);

  it('totals, ratings and ranks', () => {
    expect(results.map((u) => [u.code, u.selfTotal, u.surveyPoints, u.appraisedTotal, u.rating, u.rank])).toEqual([
      ['SYT', 55, 43.9, 98.9, 'Xuất sắc', 1],
      ['SNN', 55, 0, 55, 'Yếu', 3],
      ['SCT', 55, 39, 94, 'Xuất sắc', 2],
    ]);
  });

  it('a self score on a leaders\' survey criterion is not counted, and the minutes say so', () => {
    const c = criterionOf(unitOf(results, 'SYT'), '1.6');
    expect(c).toMatchObject({ survey: true, self: null, appraised: 1.5 });
    expect(c.findings.map((f) => f.reason)).toEqual([
      'Tiêu chí 1.6 được đánh giá qua điều tra xã hội học nên đơn vị không tự chấm; điểm tự chấm 2 điểm của đơn vị không được tính, điểm của tiêu chí lấy theo kết quả điều tra.',
    ]);
  });

  it('a survey point missing from the survey file is 0 for now and goes to the council', () => {
    expect(criterionOf(unitOf(results, 'SCT'), '8.5')).toMatchObject({ appraised: 0, review: true });
  });

  it('survey criteria inside the reform areas count in the area index', () => {
    // Area 1 for SNN: 8 of 10 (its 2-point leaders' survey criterion at 0).
    expect(unitOf(results, 'SNN').areas.find((a) => a.code === '1')).toMatchObject({ max: 10, appraised: 8, index: 80 });
  });
});
