import { describe, expect, it } from 'vitest';
import type { ClaimedValue } from '../../../pipeline/evidence/handwriting/claimed-values.js';
import type { HandReading } from '../../../pipeline/evidence/handwriting/read-blank.js';
import { verifyPart } from '../../../pipeline/evidence/handwriting/verify-claim.js';

const ink = (candidates: [string, number][], weakestDigit = 0.9): HandReading => ({
  kind: 'numeral', candidates: candidates.map(([value, probability]) => ({ value, probability })), weakestDigit, crops: 3,
});
const says = (value: string, source: ClaimedValue['source'] = 'explanation'): ClaimedValue => ({
  kind: 'numeral', value, source, text: `Quyết định số ${value}/QĐ-UBND ngày 02/10/2017`,
});

describe('verifyPart: a handwritten numeral against what the unit claims', () => {
  const cases: { name: string; reading: HandReading | null; claims: ClaimedValue[]; outcome: string; value?: string }[] = [
    { name: 'the ink reads 1975 first and the explanation says 1975: decided from the claim', reading: ink([['1975', 0.6], ['1915', 0.2]]), claims: [says('1975')], outcome: 'supported', value: '1975' },
    { name: '`19F5` read on digits only: 1975 first, well ahead of every value a digit away: decided', reading: ink([['1975', 0.5], ['975', 0.2], ['1915', 0.1]], 0.5), claims: [says('1975')], outcome: 'supported', value: '1975' },
    { name: 'the ink reads 1915 first and 1975 second: 1975 is not preferred to its neighbour, nothing decided', reading: ink([['1915', 0.5], ['1975', 0.3]], 0.5), claims: [says('1975')], outcome: 'undecided' },
    { name: '`4532` claimed where the ink reads 4532 first but 4552 nearly as often: a digit in doubt, nothing decided', reading: ink([['4532', 0.45], ['4552', 0.3]], 0.5), claims: [says('4532')], outcome: 'undecided' },
    { name: '`2706` claimed where the ink reads 270 (the last digit drawn through the slash): a dropped digit is a neighbour, nothing decided', reading: ink([['270', 0.8], ['2706', 0.15]], 0.6), claims: [says('2706')], outcome: 'undecided' },
    { name: 'a claim below a fifth of certainty decides nothing, however far ahead of the rest', reading: ink([['1785', 0.16], ['12851', 0.05]], 0.2), claims: [says('1785')], outcome: 'undecided' },
    { name: 'the ink clearly reads 932, the file name says 1975: contradicted', reading: ink([['932', 0.95]], 0.92), claims: [says('1975', 'file-name')], outcome: 'contradicted' },
    { name: 'a claim with no support in unsure ink decides nothing', reading: ink([['332', 0.5], ['32', 0.3]], 0.4), claims: [says('1975')], outcome: 'undecided' },
    { name: 'a claim and no ink at all decides nothing', reading: null, claims: [says('1975')], outcome: 'undecided' },
    { name: 'a claim the ink barely allows (under a tenth of the first) decides nothing', reading: ink([['4532', 0.82], ['4552', 0.05]], 0.73), claims: [says('4552')], outcome: 'undecided' },
    { name: 'two claimed values both supported: nothing decided', reading: ink([['46', 0.5], ['48', 0.4]], 0.5), claims: [says('46'), says('48', 'file-name')], outcome: 'undecided' },
    { name: 'no claim, a numeral the ink reads near-certainly: nothing decided (`731/` read 73 at 0.99, the 1 joined to the slash)', reading: ink([['73', 0.99]], 0.95), claims: [], outcome: 'undecided' },
    { name: 'no claim, probable but not near-certain ink: nothing decided', reading: ink([['4532', 0.82]], 0.73), claims: [], outcome: 'undecided' },
    { name: 'the ink reads 263 for certain, the unit says 2639: a dropped digit, not another document', reading: ink([['263', 0.88]], 0.98), claims: [says('2639')], outcome: 'undecided' },
    { name: 'a claim of another part (the day) is not a claim on the numeral', reading: ink([['332', 0.5]], 0.4), claims: [{ ...says('2'), kind: 'day' }], outcome: 'undecided' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const verdict = verifyPart(c.reading, c.claims, 'numeral');
      expect(verdict.outcome).toBe(c.outcome);
      if (c.value !== undefined) expect('value' in verdict ? verdict.value : null).toBe(c.value);
    });
  }

  it('a month claimed at a fifth of certainty, far ahead of its neighbours, is decided; a day as weak is not (092: a month `4` only one view read)', () => {
    const weak = (kind: 'day' | 'month'): HandReading => ({ ...ink([['4', 0.2], ['1', 0.01]]), kind });
    const claim = (kind: 'day' | 'month'): ClaimedValue => ({ kind, value: '4', source: 'explanation', text: 'ngày 04/4/2024' });
    expect(verifyPart(weak('month'), [claim('month')], 'month').outcome).toBe('supported');
    expect(verifyPart(weak('day'), [claim('day')], 'day').outcome).toBe('undecided');
  });

  it('a day one digit off the ink\'s reading is never taken: `6` claimed where the ink reads 16 and 6 alike (h03), `7` where it reads 6 and 7 alike', () => {
    const day = (candidates: [string, number][]) => ({ ...ink(candidates), kind: 'day' as const });
    const claim = (value: string) => ({ ...says(value), kind: 'day' as const });
    expect(verifyPart(day([['16', 0.31], ['6', 0.3], ['1', 0.01]]), [claim('6')], 'day').outcome).toBe('undecided');
    expect(verifyPart(day([['16', 0.31], ['6', 0.3], ['1', 0.01]]), [claim('16')], 'day').outcome).toBe('undecided');
    expect(verifyPart(day([['6', 0.17], ['7', 0.17]]), [claim('6')], 'day').outcome).toBe('undecided');
  });

  it('a day or month claim needs a third of certainty: `1` claimed where the ink gives 1 only 0.14 (h09, truly 11) is not supported', () => {
    const day = { ...ink([['1', 0.14], ['7', 0.03], ['4', 0.02], ['11', 0.01]]), kind: 'day' as const };
    expect(verifyPart(day, [{ ...says('1'), kind: 'day' }], 'day').outcome).toBe('undecided');
  });

  it('a day `1` claimed where the ink reads 1 at 0.45 and 11 at 0.18 (real-headers h06, truly 11 in two slanted strokes) is not supported: a doubled digit is merged by the recognizer', () => {
    const day = { ...ink([['1', 0.45], ['11', 0.184], ['14', 0.036], ['4', 0.029], ['21', 0.008]], 0.35), kind: 'day' as const };
    expect(verifyPart(day, [{ ...says('1'), kind: 'day' }], 'day').outcome).toBe('undecided');
    // The same ink with `11` nowhere near: the claim is the ink's.
    const single = { ...ink([['1', 0.9], ['7', 0.04], ['11', 0.01]], 0.9), kind: 'day' as const };
    expect(verifyPart(single, [{ ...says('1'), kind: 'day' }], 'day')).toMatchObject({ outcome: 'supported', value: '1' });
  });

  it('no claim, a day the ink reads near-certainly: decided from the ink', () => {
    const day = { ...ink([['24', 0.99]], 0.95), kind: 'day' as const };
    expect(verifyPart(day, [], 'day')).toMatchObject({ outcome: 'ink', value: '24' });
  });

  it('a day claim needs the ink to favour it: `7` claimed where the ink reads 17 first is not supported', () => {
    const day = { ...ink([['17', 0.5], ['7', 0.2]]), kind: 'day' as const };
    const claim = { ...says('7'), kind: 'day' as const };
    expect(verifyPart(day, [claim], 'day').outcome).toBe('undecided');
    expect(verifyPart(day, [{ ...claim, value: '17' }], 'day').outcome).toBe('supported');
  });

  it('a supported claim that is also the first candidate is trusted more than one second to a reading two digits short (`95`)', () => {
    const first = verifyPart(ink([['1975', 0.6]]), [says('1975')], 'numeral');
    const second = verifyPart(ink([['95', 0.5], ['1975', 0.3]]), [says('1975')], 'numeral');
    expect(first.outcome === 'supported' && second.outcome === 'supported' && first.confidence > second.confidence).toBe(true);
  });
});
