// The round-2 minutes' table (Biên bản thẩm định bổ sung): what the unit supplemented for each
// criterion asked about, and, when all it sent for one was left out of the round (uploaded while
// uploads were locked, out of scope, late), that it did send something the round does not count,
// not that it sent nothing.
import { describe, expect, it } from 'vitest';
import { renderRoundMinutes, type RoundMinutesInput } from '../../pipeline/documents/round-minutes.js';
import type { FileChange } from '../../pipeline/rounds/round-plan.js';
import type { RoundResult } from '../../pipeline/rounds/round-result.js';
import { docxText } from './docx-text.js';
import { context, units } from './fixture.js';

const unit = units[0]!;
const round = (index: number, over: Partial<RoundResult> = {}): RoundResult => ({
  index, name: `Lần ${index}`, until: `2021-12-${index === 1 ? 20 : 31}T16:59:00.000Z`, untilText: `23:59 ngày ${index === 1 ? 20 : 31}/12/2021`,
  scope: index === 1 ? null : 'requested', status: 'closed', units: [], ...over,
});
const LAN1 = round(1);
const LAN2 = round(2, { fromText: 'ngày 26/12/2021' });

function input(outOfScope: FileChange[], late: FileChange[] = []): RoundMinutesInput {
  return {
    round: LAN2, previousRound: LAN1, before: unit, after: unit, sequence: 5,
    outcome: {
      code: unit.code, appraisedTotal: unit.appraisedTotal, index: unit.index, rating: unit.rating, rank: unit.rank,
      requested: ['1.1.1'], applied: [], outOfScope, late,
    },
  };
}

const text = async (i: RoundMinutesInput) => docxText(await renderRoundMinutes(context(), i)).replace(/\s+/gu, ' ');

describe('the round-2 minutes, for a criterion the previous minutes asked about', () => {
  it('say the unit supplemented nothing when it sent nothing', async () => {
    expect(await text(input([]))).toContain('Đơn vị không bổ sung, giải trình.');
  });

  it('say what the unit sent was not counted, and point to why, when all of it was left out of the round', async () => {
    const locked: FileChange = {
      path: `units/${unit.code}/evidence/1.1.1/KH 29.pdf`, criterion: '1.1.1', change: 'added',
      firstSeen: '2021-12-22T02:00:00.000Z', round: 'Lần 2', outside: 'window',
    };
    const got = await text(input([locked]));
    expect(got).toContain('Nội dung đơn vị nộp, sửa cho tiêu chí này không được tính trong Lần 2 (xem phần “Nội dung không được tính”).');
    expect(got).not.toContain('Đơn vị không bổ sung, giải trình.');
    expect(got).toContain('Tệp "KH 29.pdf" (tiêu chí 1.1.1) nộp mới trước khi Lần 2 mở (từ ngày 26/12/2021 đến 23:59 ngày 31/12/2021), khi chưa được nộp bổ sung: không được tính.');
  });

  it('count a late file as sent but not counted; a file removed late is no content sent', async () => {
    const late = (change: FileChange['change']): FileChange => ({
      path: `units/${unit.code}/evidence/1.1.1/Bổ sung.pdf`, criterion: '1.1.1', change, firstSeen: '2022-01-02T02:00:00.000Z', round: null,
    });
    expect(await text(input([], [late('added')]))).toContain('Nội dung đơn vị nộp, sửa cho tiêu chí này không được tính trong Lần 2 (xem phần “Nội dung không được tính”).');
    expect(await text(input([], [late('removed')]))).toContain('Đơn vị không bổ sung, giải trình.');
  });
});
