import { describe, expect, it } from 'vitest';
import { type SequenceDocument, sequenceVerdict, withSequence } from '../../../pipeline/evidence/handwriting/issuer-sequence.js';

const doc = (id: string, date: string, numeral: number, reference = true, issuer = 'UBND'): SequenceDocument => ({ id, issuer, date, numeral, reference });
const batch = [doc('1900/QĐ-UBND', '2017-09-20', 1900), doc('2010/QĐ-UBND', '2017-10-05', 2010), doc('15/KH-SNV', '2017-10-01', 15, true, 'SNV')];

describe('sequenceVerdict: numbers run consecutively per issuer per year (Decree 30/2020, art. 15)', () => {
  it('1975 dated 02/10/2017 sits between 1900 (20/9) and 2010 (5/10): fits', () => {
    const v = sequenceVerdict(doc('x', '2017-10-02', 1975, false), batch);
    expect(v.fit).toBe('fits');
    expect(v.fit === 'fits' && [v.before?.numeral, v.after?.numeral]).toEqual([1900, 2010]);
  });
  it('a handwritten 932 read for 1932 dated 02/10/2017 comes after 1900 of 20/9: breaks', () => {
    const v = sequenceVerdict(doc('x', '2017-10-02', 932, false), batch);
    expect(v.fit === 'breaks' && v.conflict.numeral).toBe(1900);
  });
  it('a numeral larger than that of a later document breaks the sequence too', () => {
    expect(sequenceVerdict(doc('x', '2017-10-02', 2210, false), batch).fit).toBe('breaks');
  });
  it('another issuer, another year, or no reference peers: unknown', () => {
    expect(sequenceVerdict(doc('x', '2017-10-02', 5, false, 'STP'), batch).fit).toBe('unknown');
    expect(sequenceVerdict(doc('x', '2018-01-05', 3, false), batch).fit).toBe('unknown');
    expect(sequenceVerdict(doc('x', '2017-10-02', 1975, false), batch.map((d) => ({ ...d, reference: false }))).fit).toBe('unknown');
  });
  it('the same day allows either order', () => {
    expect(sequenceVerdict(doc('x', '2017-10-05', 2001, false), batch).fit).toBe('fits');
  });
});

describe('withSequence', () => {
  it('a break lowers the confidence below what the rules act on, and says why', () => {
    const out = withSequence(0.95, sequenceVerdict(doc('x', '2017-10-02', 932, false), batch), '932');
    expect(out.confidence).toBeLessThan(0.8);
    expect(out.note).toContain('1900/QĐ-UBND');
  });
  it('a fit gains a little support (0.85 → 0.9) and says between which numbers', () => {
    const out = withSequence(0.85, sequenceVerdict(doc('x', '2017-10-02', 1975, false), batch), '1975');
    expect(out.confidence).toBeCloseTo(0.9);
    expect(out.note).toBe('số 1975 khớp thứ tự số của cơ quan ban hành (sau số 1900, trước số 2010)');
  });
  it('a fit never lifts a numeral above 0.95, nor lowers one already there', () => {
    expect(withSequence(0.93, sequenceVerdict(doc('x', '2017-10-02', 1975, false), batch), '1975').confidence).toBe(0.95);
    expect(withSequence(0.97, sequenceVerdict(doc('x', '2017-10-02', 1975, false), batch), '1975').confidence).toBe(0.97);
  });
  it('no reference peers: the confidence stays and nothing is said', () => {
    expect(withSequence(0.85, { fit: 'unknown' }, '1975')).toEqual({ confidence: 0.85, note: null });
  });
});
