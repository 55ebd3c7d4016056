// Rules decide on what is known (issue 9): a handwritten day does not stop a decision the month
// already makes; the signing day bounds the date; a person is asked to read a part only when a
// rule's outcome depends on it, and told which part of which file.
import { describe, expect, it } from 'vitest';
import type { Extraction, ExtractionParts, FieldPart } from '../../pipeline/model.js';
import { criterion, reading, record, runRule, testBatch } from './support/factory.js';

const part = <T extends string | number>(status: FieldPart['status'], value: T | null, confidence: number, extra: Partial<FieldPart<T>> = {}): FieldPart<T> =>
  ({ status, value, confidence, source: 'ocr', page: 1, region: { x0: 380, y0: 100, x1: 400, y1: 114 }, ...extra });

/** A scan whose number and month/year were read, and whose day was written in by hand (OCR guessed `guess`). */
function handwrittenDay(year: number, month: number, guess: number, extra: Partial<Extraction> = {}): Extraction {
  const parts: ExtractionParts = {
    numeral: part('read', '12', 0.95), symbol: part('read', 'KH-SNV', 0.95),
    day: part('handwritten', null, 0.5, { guess }), month: part('read', month, 0.93), year: part('read', year, 0.93),
  };
  const date = `${year}-${String(month).padStart(2, '0')}-${String(guess).padStart(2, '0')}`;
  return reading('12/KH-SNV', date, { source: 'ocr', numberConfidence: 0.95, dateConfidence: 0.5, confidence: 0.5, signed: false, parts, ...extra });
}

const batch = testBatch({ dataWindow: { from: '2023-12-01', to: '2024-11-30' }, cutoff: '2024-11-20' });
const ev = (e: Extraction) => record('1.1', 'KH.pdf', e);

describe('data-window decided on the month and year when the day is handwritten', () => {
  it('May 2024 lies wholly inside the period: no finding, whatever the day', () => {
    expect(runRule('data-window', { batch, evidence: [ev(handwrittenDay(2024, 5, 24))] })).toEqual([]);
  });

  it('December 2024 lies wholly after the cut-off: reported on the month and year, so the effect applies (basis month)', () => {
    const [report] = runRule('data-window', { batch, evidence: [ev(handwrittenDay(2024, 12, 3))] });
    expect(report).toMatchObject({ effect: 'review', basis: ['month'] });
    expect(report?.reason).toContain('căn cứ tháng 12/2024');
    const [zeroed] = runRule('data-window', { batch, evidence: [ev(handwrittenDay(2024, 12, 3))], settings: { effect: 'exclude' } });
    expect(zeroed).toMatchObject({ effect: 'exclude', basis: ['month'] });
  });

  it('November 2024, the cut-off month (20/11): not decided on the month; a guess inside the period gives no finding', () => {
    expect(runRule('data-window', { batch, evidence: [ev(handwrittenDay(2024, 11, 5))] })).toEqual([]);
  });

  it('the signing day bounds the date: signed on 25/11/2023, before the period, whatever the day reads', () => {
    const e = handwrittenDay(2023, 11, 28, { signed: true, signedAt: '2023-11-25T09:12:00+07:00' });
    const [report] = runRule('data-window', { batch, evidence: [ev(e)], settings: { effect: 'exclude' } });
    expect(report).toMatchObject({ effect: 'exclude', basis: [] });
    expect(report?.reason).toContain('căn cứ thời điểm ký số ngày 25/11/2023');
  });
});

describe('unreadable-evidence asks a person only when an outcome depends on the unread part, naming it', () => {
  it('a handwritten day in a month wholly inside the period, no deadline: nothing to ask', () => {
    expect(runRule('unreadable-evidence', { batch, evidence: [ev(handwrittenDay(2024, 5, 24))] })).toEqual([]);
  });

  it('a handwritten day in the cut-off month: review, saying which part of which file to read and what OCR guessed', () => {
    const [report] = runRule('unreadable-evidence', { batch, evidence: [ev(handwrittenDay(2024, 11, 24))] });
    expect(report?.effect).toBe('review');
    expect(report?.reason).toContain('tệp "KH.pdf"');
    expect(report?.reason).toContain('Cần đọc trên tệp: ngày ban hành (viết tay hoặc đóng dấu, chưa đọc chắc chắn, trang 1, có thể là "24")');
  });

  it('a handwritten day where the criterion has an issue deadline: review (the deadline needs the day)', () => {
    const crit = criterion('1.1', 2, { evidence: { types: ['KH'], deadline: '01-15', issuer: 'self' } as never });
    const [report] = runRule('unreadable-evidence', { batch, criterion: crit, evidence: [ev(handwrittenDay(2024, 5, 24))] });
    expect(report?.effect).toBe('review');
  });
});
