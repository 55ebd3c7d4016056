import { describe, expect, it } from 'vitest';
import { checkIssuerSequences, NOTHING_SAID, resolveHandwriting } from '../../../pipeline/evidence/handwriting/resolve.js';
import type { Extraction, FieldPart } from '../../../pipeline/model.js';
import { reading, record, runRule } from '../../rules/support/factory.js';

const region = { x0: 80, y0: 95, x1: 270, y1: 115 };
const read = <T extends string | number>(value: T): FieldPart<T> => ({ status: 'read', value, confidence: 0.95, source: 'ocr', page: 1, region });
const hand = (candidates: [string, number][], weakestDigit = 0.9): FieldPart<string> => ({
  status: 'handwritten', value: null, confidence: 0, source: 'ocr', page: 1, region,
  handwriting: { candidates: candidates.map(([value, probability]) => ({ value, probability })), weakestDigit, views: 3 },
});

/** A scan of `Số: [ink] /QĐ-UBND … ngày 02 tháng 10 năm 2017` whose numeral the clerk wrote by hand. */
function scan(file: string, numeral: FieldPart<string>, date = '2017-10-02'): Extraction {
  const [y, m, d] = date.split('-').map(Number);
  return {
    ...reading(null, date, { source: 'ocr', scanned: true, signed: false, typeCode: 'QĐ', issuerCode: 'UBND', numberConfidence: 0, confidence: 0, dateConfidence: 0.95 }),
    file,
    parts: { numeral, symbol: read('QĐ-UBND'), day: read(d ?? 0), month: read(m ?? 0), year: read(y ?? 0) },
  };
}

const explanation = (numeral: string) => ({ explanation: `Đã ban hành Quyết định số ${numeral}/QĐ-UBND ngày 02/10/2017 kiện toàn tổ chức.`, listed: [] });

describe('resolveHandwriting: a handwritten numeral decided by the ink and what the unit says', () => {
  it('a claim the candidates support decides the part, source ocr+claim, quoting where it was claimed', () => {
    const out = resolveHandwriting(scan('scan.pdf', hand([['1975', 0.5], ['975', 0.2]], 0.5)), explanation('1975'));
    expect(out.number).toBe('1975/QĐ-UBND');
    expect(out.source).toBe('ocr+claim');
    expect(out.numberConfidence).toBeGreaterThanOrEqual(0.8);
    expect(out.parts?.numeral.note).toBe('số 1975 viết tay, khớp với giải trình của đơn vị');
  });
  it('the file\'s own name is a claim too (`1975-QD-UBND.pdf`)', () => {
    const out = resolveHandwriting(scan('units/X/evidence/1.1/1975-QD-UBND.pdf', hand([['1975', 0.6]])), NOTHING_SAID);
    expect(out.parts?.numeral).toMatchObject({ status: 'read', value: '1975', source: 'ocr+claim', note: 'số 1975 viết tay, khớp với tên tệp của đơn vị' });
  });
  it('a claim the ink clearly contradicts decides nothing and is recorded for the handwritten-claim finding', () => {
    const out = resolveHandwriting(scan('scan.pdf', hand([['932', 0.95]], 0.93)), explanation('1975'));
    expect(out.number).toBeNull();
    expect(out.parts?.numeral.claimCheck).toMatchObject({ outcome: 'contradicted', claimed: '1975', source: 'explanation' });
    const reports = runRule('handwritten-claim', { evidence: [record('1.1', 'scan.pdf', out)] });
    expect(reports.map((r) => r.effect)).toEqual(['review']);
    expect(reports[0]?.reason).toContain('số viết tay đọc được là 932, khác với số 1975 theo giải trình của đơn vị');
  });
  it('a claim with no support in the ink decides nothing', () => {
    const out = resolveHandwriting(scan('scan.pdf', hand([['332', 0.5], ['32', 0.3]], 0.4)), explanation('1975'));
    expect(out.number).toBeNull();
    expect(out.numberConfidence).toBe(0);
    expect(out.parts?.numeral.claimCheck?.outcome).toBe('unsupported');
    expect(runRule('handwritten-claim', { evidence: [record('1.1', 'scan.pdf', out)] })).toEqual([]);
  });
  it('no claim: a numeral is never decided from the ink alone, however sure', () => {
    expect(resolveHandwriting(scan('scan.pdf', hand([['46', 0.99]], 0.95)), NOTHING_SAID).number).toBeNull();
  });
  it('no claim: a near-certain handwritten day is decided from the ink (source ocr), a probable one is not', () => {
    const withDay = (candidates: [string, number][]) => {
      const base = scan('scan.pdf', read('1975'), '2017-10-02');
      return resolveHandwriting({ ...base, parts: { ...(base.parts as NonNullable<Extraction['parts']>), day: { ...hand(candidates, 0.95), value: null } as never } }, NOTHING_SAID);
    };
    expect(withDay([['2', 0.99]]).parts?.day).toMatchObject({ status: 'read', value: 2, source: 'ocr' });
    expect(withDay([['2', 0.82]]).parts?.day.status).toBe('handwritten');
  });
  it('the claim is checked on the frames kept with the part (forced alignment), not on the listed candidates alone', () => {
    // Stored frames (ctc-digits.ts encodeFrames): blank, 1, blank, 9, blank, 7, blank, then a last digit 5 or 6 nearly alike.
    const blank = [0, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99];
    const digit = (d: number) => blank.map((_, k) => (k === 1 + d ? 0 : 99));
    const last = blank.map((_, k) => (k === 1 + 5 ? 5 : k === 1 + 6 ? 7 : 99)); // 10^(-5/20) ≈ 0.56 against 10^(-7/20) ≈ 0.45
    const frames = [[blank, digit(1), blank, digit(9), blank, digit(7), blank, last, blank]];
    const doubtful: FieldPart<string> = { ...hand([['1975', 0.55]]), handwriting: { candidates: [{ value: '1975', probability: 0.55 }], weakestDigit: 0.56, views: 1, frames, marks: 4 } };
    const out = resolveHandwriting(scan('scan.pdf', doubtful), explanation('1975'));
    expect(out.number).toBeNull();
    expect(out.parts?.numeral.claimCheck).toMatchObject({ outcome: 'unsupported', claimed: '1975' });
    const clear = [[blank, digit(1), blank, digit(9), blank, digit(7), blank, digit(5), blank]];
    const sure = resolveHandwriting(scan('scan.pdf', { ...doubtful, handwriting: { ...doubtful.handwriting!, frames: clear } }), explanation('1975'));
    expect(sure.parts?.numeral).toMatchObject({ status: 'read', value: '1975', source: 'ocr+claim', note: 'số 1975 viết tay, khớp với giải trình của đơn vị' });
  });
  it('a reading without handwriting candidates is left as it is', () => {
    const plain = reading('12/KH-SNV', '2024-01-15');
    expect(resolveHandwriting(plain, explanation('12'))).toBe(plain);
  });
});

describe('checkIssuerSequences: numbers run consecutively per issuer per year (Decree 30/2020, art. 15)', () => {
  const printed = (numeral: string, date: string) => ({ ...reading(`${numeral}/QĐ-UBND`, date), file: `${numeral}.pdf` });
  const decided = (numeral: string) => resolveHandwriting(scan('scan.pdf', hand([[numeral, 0.6]])), explanation(numeral));
  it('a handwritten numeral that breaks the order drops below 0.8 and says why', () => {
    const [, , out] = checkIssuerSequences([printed('1900', '2017-09-20'), printed('2010', '2017-10-05'), decided('932')]);
    expect(out?.numberConfidence).toBeLessThan(0.8);
    expect(out?.parts?.numeral.note).toContain('không khớp thứ tự số của cơ quan ban hành');
  });
  it('one that fits gains support and says between which numbers', () => {
    // Supported second to a reading two digits short: decided at 0.85, room to gain.
    const alone = resolveHandwriting(scan('scan.pdf', hand([['95', 0.5], ['1975', 0.3]])), explanation('1975'));
    const [, , out] = checkIssuerSequences([printed('1900', '2017-09-20'), printed('2010', '2017-10-05'), alone]);
    expect(out?.numberConfidence).toBeGreaterThan(alone.numberConfidence);
    expect(out?.parts?.numeral.note).toBe('số 1975 viết tay, khớp với giải trình của đơn vị; số 1975 khớp thứ tự số của cơ quan ban hành (sau số 1900, trước số 2010)');
  });
});
