// The number and the date in parts: what each status means and how the flat fields follow from them.
import { describe, expect, it } from 'vitest';
import { boundByResolution, boundBySigning, flatFromParts, LOW_SCAN_CEILING, partsOf, SINGLE_READ_CEILING, strongSingleRead, symbolOf } from '../../pipeline/evidence/field-parts.js';
import type { Field, Header } from '../../pipeline/evidence/header-fields.js';
import type { ParsedDate, ParsedNumber } from '../../pipeline/evidence/parse-header.js';
import { emptyReading } from '../../pipeline/evidence/reading.js';

const box = { x0: 100, y0: 80, x1: 220, y1: 95 };
const number = (numeral: string | null, extra: Partial<Field<ParsedNumber>> = {}): Field<ParsedNumber> => ({
  value: { number: numeral ? `${numeral}/KH-SXD` : null, numeral, suffixed: false, typeCode: 'KH', issuerCode: 'SXD', year: null, blankNumber: numeral === null },
  confidence: 0.95, origin: 'ocr', read: 0.97, repairs: [], box, ...extra,
});
const date = (day: number | null, month: number, extra: Partial<Field<ParsedDate>> = {}): Field<ParsedDate> => ({
  value: { date: day === null ? null : `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, place: 'Hưng Yên', blankDate: day === null },
  confidence: 0.93, origin: 'ocr', read: 0.95, repairs: [], box: { x0: 330, y0: 80, x1: 520, y1: 95 }, dmy: { day, month, year: 2024 }, ...extra,
});

describe('field parts', () => {
  it('a printed number and date read by OCR and confirmed by a second read: every part `read`, the flat fields as before', () => {
    const parts = partsOf({ number: number('125', { checked: 'agree' }), date: date(5, 2, { checked: 'agree' }) });
    expect(parts).toMatchObject({ numeral: { status: 'read', value: '125' }, symbol: { status: 'read', value: 'KH-SXD' }, day: { status: 'read', value: 5 }, month: { status: 'read', value: 2 }, year: { status: 'read', value: 2024 } });
    expect(flatFromParts(parts)).toMatchObject({ numberRead: true, numberConfidence: 0.95, date: '2024-02-05', dateConfidence: 0.93, blankNumber: false, blankDate: false });
  });

  it('two reads that disagree (`899` and `699`): the numeral is `handwritten`, the first read kept only as a guess, under 0.8', () => {
    const parts = partsOf({ number: number('899', { checked: 'disagree', other: { numeral: '699' } }), date: null });
    expect(parts.numeral).toMatchObject({ status: 'handwritten', value: null, guess: '899' });
    expect(parts.numeral.confidence).toBeLessThan(0.8);
    expect(parts.numeral.note).toMatch(/899 \/ 699/u);
    expect(flatFromParts(parts).numberConfidence).toBeLessThan(0.8);
  });

  it('a second read that could not confirm caps the part under 0.8', () => {
    const parts = partsOf({ number: number('46', { checked: 'unconfirmed' }), date: null });
    expect(parts.numeral.status).toBe('read');
    expect(parts.numeral.confidence).toBeLessThan(0.8);
  });

  it('digits taller than the printed capitals after them, or off their baseline, were written in by hand', () => {
    expect(partsOf({ number: number('899', { checked: 'agree', numeralShape: { height: 1.29, shift: 0.04 } }), date: null }).numeral.status).toBe('handwritten');
    expect(partsOf({ number: number('46', { checked: 'agree', numeralShape: { height: 1.02, shift: 0.4 } }), date: null }).numeral.status).toBe('handwritten');
    expect(partsOf({ number: number('157', { checked: 'agree', numeralShape: { height: 1.04, shift: 0.02 } }), date: null }).numeral.status).toBe('read');
  });

  it('coloured ink in the day of a black-printed date line: the day is `handwritten`, the month stays read', () => {
    const parts = partsOf({ number: null, date: date(28, 8, { checked: 'agree', partColour: { day: 0.9, month: 0 } }) });
    expect(parts.day).toMatchObject({ status: 'handwritten', guess: 28 });
    expect(parts.month).toMatchObject({ status: 'read', value: 8 });
    const flat = flatFromParts(parts);
    expect(flat.date).toBe('2024-08-28');
    expect(flat.dateConfidence).toBeLessThan(0.8);
  });

  it('a text layer’s blank day is `blank`; nothing found is `unreadable` with confidence 0 and no region', () => {
    const blank: Header = { number: number(null, { origin: 'text', confidence: 1 }), date: date(null, 10, { origin: 'text', confidence: 1 }) };
    const parts = partsOf(blank);
    expect(parts).toMatchObject({ numeral: { status: 'blank' }, day: { status: 'blank' }, month: { status: 'read', value: 10 } });
    expect(flatFromParts(parts)).toMatchObject({ blankNumber: true, blankDate: true, date: null });
    const none = partsOf({ number: null, date: null });
    expect(none.numeral).toEqual({ status: 'unreadable', value: null, confidence: 0, source: null, page: null, region: null });
    expect(flatFromParts(none)).toMatchObject({ numberRead: false, numberConfidence: 0, dateConfidence: 0 });
  });

  it('a text-layer blank with a signature widget drawn over its row is not shown empty: `unreadable`, never blank at 1', () => {
    const parts = partsOf({ number: null, date: date(null, 1, { origin: 'text', confidence: 1, covered: true }) });
    expect(parts.day.status).toBe('unreadable');
    expect(parts.day.confidence).toBeLessThan(0.8);
    expect(flatFromParts(parts)).toMatchObject({ blankDate: false, date: null, dateConfidence: 0 });
  });

  it('a blank only OCR saw (nothing read between `ngày` and `tháng`) stays under 0.8: faint ink reads as nothing', () => {
    const parts = partsOf({ number: null, date: date(null, 1, { confidence: 0.95 }) });
    expect(parts.day.status).toBe('blank');
    expect(parts.day.confidence).toBeLessThan(0.8);
  });

  it('the symbol is what is printed after the numeral: `KH-SXD`, `2019/QĐ-UBND`, and `CTr/TU` for Party numbering `31-CTr/TU`', () => {
    expect(symbolOf({ number: '30a/KH-SXD', numeral: '30a', suffixed: true, typeCode: 'KH', issuerCode: 'SXD', year: null, blankNumber: false })).toBe('KH-SXD');
    expect(symbolOf({ number: '29/2019/QĐ-UBND', numeral: '29', suffixed: false, typeCode: 'QĐ', issuerCode: 'UBND', year: 2019, blankNumber: false })).toBe('2019/QĐ-UBND');
    expect(symbolOf({ number: '31-CTr/TU', numeral: '31', suffixed: false, typeCode: 'CTr', issuerCode: 'TU', year: null, blankNumber: false })).toBe('CTr/TU');
    expect(symbolOf({ number: null, numeral: null, suffixed: false, typeCode: 'TB', issuerCode: 'UBND', year: null, blankNumber: true })).toBe('TB-UBND');
  });

  it('a date read later than the signing day is suspect: capped under 0.8, saying why', () => {
    const header: Header = { number: number('125', { checked: 'agree' }), date: date(20, 11, { checked: 'agree' }) };
    const parts = partsOf(header);
    const reading = { ...emptyReading(), date: '2024-11-20', numberConfidence: 0.95, dateConfidence: 0.93, parts, signedAt: '2024-11-06T10:21:11+07:00' };
    boundBySigning(reading);
    expect(reading.dateConfidence).toBeLessThan(0.8);
    expect(reading.parts.day.note).toMatch(/muộn hơn ngày ký số \(2024-11-06\)/u);
    const fine = { ...emptyReading(), date: '2024-11-06', dateConfidence: 0.93, parts: partsOf({ number: null, date: date(6, 11, { checked: 'agree' }) }), signedAt: '2024-11-06T10:21:11+07:00' };
    boundBySigning(fine);
    expect(fine.dateConfidence).toBe(0.93);
  });

  it('a scan under 150 dpi (`105/BC-STTTI` read alike twice at 100 dpi): every part OCR read is held below 0.8 for a person, saying why; 150 dpi and up is left as read', () => {
    const header: Header = { number: number('105', { checked: 'agree' }), date: date(15, 5, { checked: 'agree' }) };
    const scan = (dpi: number) => ({ ...emptyReading(), scanned: true, scanDpi: dpi, number: '105/KH-SXD', date: '2024-05-15', numberConfidence: 0.95, dateConfidence: 0.93, confidence: 0.93, parts: partsOf(header) });
    const low = scan(100);
    boundByResolution(low);
    expect([low.numberConfidence, low.dateConfidence, low.confidence]).toEqual([LOW_SCAN_CEILING, LOW_SCAN_CEILING, LOW_SCAN_CEILING]);
    expect(LOW_SCAN_CEILING).toBeLessThan(0.8);
    for (const key of ['numeral', 'symbol', 'day', 'month', 'year'] as const) expect(low.parts[key].note, key).toMatch(/ảnh quét 100 dpi, dưới 150 dpi/u);
    expect(low.number).toBe('105/KH-SXD');
    const fine = scan(150);
    boundByResolution(fine);
    expect([fine.numberConfidence, fine.dateConfidence]).toEqual([0.95, 0.93]);
  });

  it('ink in a blank OCR read as nothing: the day is not blank but `handwritten`; a measured empty blank stays blank', () => {
    const inked = partsOf({ number: null, date: date(null, 1, { confidence: 0.95, gapInk: 0.09 }) });
    expect(inked.day.status).toBe('handwritten');
    expect(inked.day.note).toMatch(/có mực/u);
    expect(flatFromParts(inked).blankDate).toBe(false);
    const empty = partsOf({ number: null, date: date(null, 1, { confidence: 0.95, gapInk: 0 }) });
    expect(empty.day.status).toBe('blank');
  });

  it('a blank the check read finds a value in (`ngày 34 tháng` where the first read saw nothing) is `handwritten`, never blank', () => {
    const day = partsOf({ number: null, date: date(null, 1, { confidence: 0.95, checked: 'disagree', other: { day: 34, month: 1, year: 2024 } }) });
    expect(day.day.status).toBe('handwritten');
    expect(day.day.note).toMatch(/34/u);
    expect(flatFromParts(day)).toMatchObject({ blankDate: false, date: null });
    const numeral = partsOf({ number: number(null, { confidence: 0.95, checked: 'disagree', other: { numeral: '46' } }), date: null });
    expect(numeral.numeral.status).toBe('handwritten');
    expect(flatFromParts(numeral).blankNumber).toBe(false);
  });

  it('the check read covers the symbol too: `SXDVP` against `SXD-VP` is not decided', () => {
    const parts = partsOf({ number: number('2606', { checked: 'agree', other: { symbol: 'SXD-VP' } }), date: null });
    expect(parts.numeral.status).toBe('read');
    expect(parts.symbol).toMatchObject({ status: 'handwritten', guess: 'KH-SXD' });
    expect(flatFromParts(parts).numberConfidence).toBeLessThan(0.8);
  });

  describe('one read is enough only when its own evidence is strong', () => {
    const print = { height: 1.02, shift: 0.03 };
    const strongNumber = (extra: Partial<Field<ParsedNumber>> = {}) => number('125', { read: 0.97, numeralShape: print, ...extra });
    const strongDate = (extra: Partial<Field<ParsedDate>> = {}) => date(5, 2, { read: 0.97, dateShape: { day: print, month: print }, ...extra });

    it('print read with every character scored high, its digits the shape of the print beside them', () => {
      expect(strongSingleRead(strongNumber(), 'number')).toBe(true);
      expect(strongSingleRead(strongDate(), 'date')).toBe(true);
    });

    it.each([
      ['a character scored under 0.93', strongNumber({ read: 0.9 })],
      ['a repair (`ocr-digit`)', strongNumber({ repairs: ['ocr-digit'] })],
      ['digits taller than the capitals after them (a pen)', strongNumber({ numeralShape: { height: 1.4, shift: 0 } })],
      ['no capitals to compare the digits with', strongNumber({ numeralShape: undefined })],
      ['coloured ink', strongNumber({ partColour: { numeral: 0.6 } })],
      ['a scanner’s hidden text layer', strongNumber({ hiddenLayer: true })],
      ['a letter suffix (`30a`: the suffix rule acts on it)', number('30a', { read: 0.97, numeralShape: print, value: { number: '30a/KH-SXD', numeral: '30a', suffixed: true, typeCode: 'KH', issuerCode: 'SXD', year: null, blankNumber: false } })],
    ])('the number needs its check read: %s', (_name, field) => {
      expect(strongSingleRead(field, 'number')).toBe(false);
    });

    it.each([
      ['a day whose digits are not the year’s size (written in)', strongDate({ dateShape: { day: { height: 1.35, shift: -0.3 }, month: print } })],
      ['no year digits to compare with', strongDate({ dateShape: undefined })],
      ['no place before `ngày`', date(5, 2, { read: 0.97, dateShape: { day: print, month: print }, value: { date: '2024-02-05', place: null, blankDate: false } })],
      ['a character scored under 0.93', strongDate({ read: 0.88 })],
    ])('the date needs its check read: %s', (_name, field) => {
      expect(strongSingleRead(field, 'date')).toBe(false);
    });

    it('a value read once is decided at most at 0.9: below a value two reads agree on', () => {
      const parts = partsOf({ number: strongNumber({ checked: 'single', confidence: 0.97 }), date: strongDate({ checked: 'single', confidence: 0.97 }) });
      expect(parts.numeral).toMatchObject({ status: 'read', value: '125', confidence: SINGLE_READ_CEILING });
      expect(parts.symbol.confidence).toBe(SINGLE_READ_CEILING);
      expect(parts.day).toMatchObject({ status: 'read', value: 5, confidence: SINGLE_READ_CEILING });
      expect(flatFromParts(parts)).toMatchObject({ numberConfidence: 0.9, dateConfidence: 0.9 });
    });
  });
});
