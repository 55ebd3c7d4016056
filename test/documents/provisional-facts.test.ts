// What the draft mark counts (facts.ts `provisionalFacts`): criteria pending the council, and among
// their evidence the files not read, or read below the trusted confidence, each file once.
import { describe, expect, it } from 'vitest';
import { provisionalDetail, provisionalFacts } from '../../pipeline/documents/facts.js';
import type { BatchResult, Extraction } from '../../pipeline/model.js';
import { result } from './fixture.js';

/** The fixture with nothing pending but criteria `codes` of its first appraised unit, all backed by `files`. */
function pending(codes: string[], files: Array<Partial<Extraction> & { file: string }>): BatchResult {
  const r = structuredClone(result);
  for (const u of r.units) for (const c of u.criteria) c.review = false;
  const unit = r.units.find((u) => u.status === 'ok')!;
  const model = unit.evidence[0] ?? ({ status: 'ok', confidence: 1 } as Extraction);
  unit.evidence = files.map((f) => ({ ...model, status: 'ok', confidence: 1, ...f }) as Extraction);
  for (const c of unit.criteria) {
    if (!codes.includes(c.code)) continue;
    c.review = true;
    delete c.council;
    c.evidence = files.map((f) => f.file);
  }
  return r;
}

describe('provisionalFacts', () => {
  it('counts a file backing two pending criteria once', () => {
    const facts = provisionalFacts(pending(['1.1.1', '1.2'], [{ file: 'a.pdf', status: 'unreadable' }, { file: 'b.pdf', confidence: 0.5 }, { file: 'c.pdf' }]));
    expect(facts).toMatchObject({ pendingCriteria: 2, unverifiedReadings: 2, count: 2 });
    expect(provisionalDetail(facts)).toBe('2 tiêu chí chờ Hội đồng xem xét (có 2 tệp tài liệu không đọc được hoặc đọc chưa chắc chắn)');
  });

  it('says nothing of files when every file of the pending criteria was read surely', () => {
    const facts = provisionalFacts(pending(['1.2'], [{ file: 'c.pdf' }]));
    expect(provisionalDetail(facts)).toBe('1 tiêu chí chờ Hội đồng xem xét');
  });
});
