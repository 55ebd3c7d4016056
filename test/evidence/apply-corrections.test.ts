// A person's correction over the reader's reading: the typed parts replace what was read (source
// `person`), the flat fields follow, a confirmation makes what was read certain, disagreeing
// corrections apply none.
import { describe, expect, it } from 'vitest';
import type { CorrectionEntry } from '../../pipeline/batch/read-corrections.js';
import { applyCorrections, CorrectionBook } from '../../pipeline/evidence/apply-corrections.js';
import type { Extraction } from '../../pipeline/model.js';

const SHA = 'c'.repeat(64);
const region = { x0: 100, y0: 90, x1: 220, y1: 104 };
const read = <T extends string | number>(value: T, confidence = 0.97) => ({ status: 'read' as const, value, confidence, source: 'ocr' as const, page: 1, region });

function ocrReading(over: Partial<Extraction> = {}): Extraction {
  return {
    file: 'units/SXD/evidence/1.1.1/kh.pdf', sha256: SHA, status: 'ok', source: 'ocr',
    number: '30a/KH-SXD', numeral: '30a', suffixed: true, typeCode: 'KH', issuerCode: 'SXD', year: null, blankNumber: false,
    date: '2021-01-04', place: 'Hưng Yên', blankDate: false,
    confidence: 0.97, numberConfidence: 0.97, dateConfidence: 0.97,
    signed: false, signer: null, signedAt: null, scanned: true, pages: 1, headerPage: 1, citations: [], readerVersion: 'reader-4.0',
    parts: { numeral: read('30a'), symbol: read('KH-SXD'), day: read(4), month: read(1), year: read(2021) },
    ...over,
  };
}

const entry = (over: Partial<CorrectionEntry>): CorrectionEntry => ({ sha256: SHA, unit: 'SXD', file: null, action: 'correct', by: 'Vũ Thị Hạnh', at: '2021-12-01T08:30:00Z', source: 'hieu-chinh-SXD.json', line: 1, ...over });

describe('applyCorrections', () => {
  it('30a/KH-SXD corrected to 30: the number is re-derived, no longer suffixed, read by a person', () => {
    const { extraction, problems } = applyCorrections(ocrReading(), [entry({ numeral: '30' })]);
    expect(problems).toEqual([]);
    expect(extraction).toMatchObject({ number: '30/KH-SXD', numeral: '30', suffixed: false, typeCode: 'KH', issuerCode: 'SXD', date: '2021-01-04', source: 'person', numberConfidence: 0.97, dateConfidence: 0.97 });
    expect(extraction.parts?.numeral).toEqual({ status: 'read', value: '30', confidence: 1, source: 'person', page: 1, region });
    expect(extraction.correction).toEqual({ action: 'correct', by: 'Vũ Thị Hạnh', at: '2021-12-01T08:30:00Z', file: 'hieu-chinh-SXD.json', line: 1, previous: { number: '30a/KH-SXD', date: '2021-01-04', source: 'ocr', confidence: 0.97 } });
  });

  it('a day the reader could not read, typed by a person, completes the date', () => {
    const low = ocrReading({ date: null, dateConfidence: 0, confidence: 0, parts: { numeral: read('30a'), symbol: read('KH-SXD'), day: { status: 'handwritten', value: null, confidence: 0.3, source: 'ocr', page: 1, region }, month: read(1), year: read(2021) } });
    const { extraction } = applyCorrections(low, [entry({ day: 9 })]);
    expect(extraction).toMatchObject({ date: '2021-01-09', dateConfidence: 0.97, confidence: 0.97 });
    expect(extraction.parts?.day).toMatchObject({ status: 'read', value: 9, confidence: 1, source: 'person' });
  });

  it('a confirmation keeps the values and makes them certain', () => {
    const { extraction } = applyCorrections(ocrReading({ confidence: 0.6, numberConfidence: 0.6 }), [entry({ action: 'confirm' })]);
    expect(extraction).toMatchObject({ number: '30a/KH-SXD', date: '2021-01-04', source: 'person', confidence: 1, correction: { action: 'confirm' } });
  });

  // h12 of the real headers: a pen numeral the reader guessed (899, shown at 0.6) beside a printed symbol.
  const guessed = () => ocrReading({
    number: '899/UBND-TTHC', numeral: '899', suffixed: false, typeCode: null, issuerCode: 'UBND', date: null, confidence: 0, numberConfidence: 0.6, dateConfidence: 0,
    parts: { numeral: { status: 'handwritten', value: null, guess: '899', confidence: 0.6, source: 'ocr', page: 1, region }, symbol: read('UBND-TTHC'), day: { status: 'handwritten', value: null, confidence: 0, source: null, page: 1, region }, month: read(1), year: { status: 'unreadable', value: null, confidence: 0, source: null, page: 1, region: null } },
  });

  it("a confirmation of a pen numeral's guess, as the page showed it, makes that numeral the person's (never 'null/…')", () => {
    const { extraction, problems } = applyCorrections(guessed(), [entry({ action: 'confirm', shown: { number: '899/UBND-TTHC', date: null } })]);
    expect(problems).toEqual([]);
    expect(extraction).toMatchObject({ number: '899/UBND-TTHC', numeral: '899', numberConfidence: 1, source: 'person', date: null });
    expect(extraction.parts?.numeral).toMatchObject({ status: 'read', value: '899', confidence: 1, source: 'person' });
    expect(extraction.parts?.numeral).not.toHaveProperty('guess');
    // The day had no guess to show: it stays for a person to type.
    expect(extraction.parts?.day.status).toBe('handwritten');
  });

  it("a correction of a symbol beside a pen numeral's guess keeps the guess in the number, at its confidence", () => {
    const { extraction } = applyCorrections(guessed(), [entry({ symbol: 'UBND-VP' })]);
    expect(extraction).toMatchObject({ number: '899/UBND-VP', numberConfidence: 0.6 });
    expect(extraction.number).not.toContain('null');
  });

  it('a confirmation of values the reader no longer shows (read again since) is refused, saying both', () => {
    const { extraction, problems } = applyCorrections(ocrReading(), [entry({ action: 'confirm', shown: { number: '30/KH-SXD', date: '2021-01-04' } })]);
    expect(extraction.correction).toBeUndefined();
    expect(problems).toEqual(['Tệp hiệu chỉnh hieu-chinh-SXD.json, mục 1: máy đọc nay cho số 30a/KH-SXD, ngày 04/01/2021, khác với lúc Vũ Thị Hạnh xác nhận (số 30/KH-SXD, ngày 04/01/2021); cần xác nhận lại hoặc gõ số, ngày đúng; mục này không được áp dụng.']);
  });

  it('a day that, with the month read, does not exist (30 with February) is refused, naming the entry', () => {
    const feb = ocrReading({ date: '2021-02-04', parts: { numeral: read('30a'), symbol: read('KH-SXD'), day: read(4), month: read(2), year: read(2021) } });
    const { extraction, problems } = applyCorrections(feb, [entry({ day: 30, line: 3 })]);
    expect(extraction.date).toBe('2021-02-04');
    expect(extraction.correction).toBeUndefined();
    expect(problems).toEqual(['Tệp hiệu chỉnh hieu-chinh-SXD.json, mục 3: ngày 30/2/2021 (ghép phần đã sửa với phần máy đọc) không có thật; mục này không được áp dụng.']);
  });

  it('a row of a workbook that is refused is named as the row it is (dòng), as its citation in the minutes would be', () => {
    const feb = ocrReading({ date: '2021-02-04', parts: { numeral: read('30a'), symbol: read('KH-SXD'), day: read(4), month: read(2), year: read(2021) } });
    const { problems } = applyCorrections(feb, [entry({ day: 30, line: 7, source: 'kiem-tra.xlsx', unit: null })]);
    expect(problems).toEqual(['Tệp hiệu chỉnh kiem-tra.xlsx, dòng 7: ngày 30/2/2021 (ghép phần đã sửa với phần máy đọc) không có thật; dòng này không được áp dụng.']);
  });

  it('two corrections that disagree: neither applies, both are kept for the council', () => {
    const { extraction } = applyCorrections(ocrReading(), [entry({ numeral: '30' }), entry({ numeral: '31', by: 'Nguyễn Văn An', line: 2, source: 'hieu-chinh-2.json' })]);
    expect(extraction.number).toBe('30a/KH-SXD');
    expect(extraction.correction).toBeUndefined();
    expect(extraction.correctionConflict).toEqual([
      { by: 'Vũ Thị Hạnh', at: '2021-12-01T08:30:00Z', file: 'hieu-chinh-SXD.json', line: 1, number: '30/KH-SXD', date: '2021-01-04' },
      { by: 'Nguyễn Văn An', at: '2021-12-01T08:30:00Z', file: 'hieu-chinh-2.json', line: 2, number: '31/KH-SXD', date: '2021-01-04' },
    ]);
  });

  it('two corrections that agree apply once', () => {
    const { extraction } = applyCorrections(ocrReading(), [entry({ numeral: '30' }), entry({ numeral: '30', line: 2 })]);
    expect(extraction).toMatchObject({ number: '30/KH-SXD', correction: { line: 1 } });
  });

  it('an unreadable file is not corrected: the council opens it', () => {
    const { extraction, problems } = applyCorrections(ocrReading({ status: 'unreadable', error: 'tệp PDF hỏng' }), [entry({ numeral: '30' })]);
    expect(extraction.correction).toBeUndefined();
    expect(problems[0]).toContain('không đọc được, hiệu chỉnh không được áp dụng');
  });
});

describe('CorrectionBook: each entry applies only to the evidence of the unit it names', () => {
  const filed = { relPath: 'units/SXD/evidence/1.1.1/kh.pdf', criterion: '1.1.1' };
  const units = new Set(['SXD', 'STP']);

  it('the unit named and holding the content: applied, nothing reported', () => {
    const book = new CorrectionBook([entry({ numeral: '30' })]);
    expect(book.apply(ocrReading(), 'SXD', filed).extraction.numeral).toBe('30');
    expect(book.unmatched(units)).toEqual([]);
  });

  it('another unit named than the one holding the content: not applied, reported naming both', () => {
    const book = new CorrectionBook([entry({ numeral: '30', unit: 'STP', source: 'hieu-chinh-hung-yen-2021.json', line: 4 })]);
    expect(book.apply(ocrReading(), 'SXD', filed).extraction.numeral).toBe('30a');
    expect(book.unmatched(units).map((f) => f.reason)).toEqual([
      `Tệp hiệu chỉnh hieu-chinh-hung-yen-2021.json, mục 4: mục ghi đơn vị STP nhưng tệp có mã SHA-256 ${SHA.slice(0, 12)}… thuộc đơn vị SXD, không phải của STP; mục này không được áp dụng (sửa "unit" hoặc lưu lại tệp từ trang kiểm tra tài liệu).`,
    ]);
  });

  it('a unit not in the batch: not applied, reported as such', () => {
    const book = new CorrectionBook([entry({ numeral: '30', unit: 'SXDD' })]);
    expect(book.apply(ocrReading(), 'SXD', filed).extraction.numeral).toBe('30a');
    expect(book.unmatched(units)[0]!.reason).toBe(`Tệp hiệu chỉnh hieu-chinh-SXD.json, mục 1: đơn vị "SXDD" không có trong đợt; tệp có mã SHA-256 ${SHA.slice(0, 12)}… thuộc đơn vị SXD; mục này không được áp dụng.`);
  });

  it('a workbook row without a unit applies wherever the content is', () => {
    const book = new CorrectionBook([entry({ numeral: '30', unit: null })]);
    expect(book.apply(ocrReading(), 'STP', filed).extraction.numeral).toBe('30');
    expect(book.unmatched(units)).toEqual([]);
  });

  it('a workbook row whose content no unit holds: reported naming its row', () => {
    const book = new CorrectionBook([entry({ numeral: '30', sha256: 'd'.repeat(64), unit: null, source: 'kiem-tra.xlsx', line: 12 })]);
    book.apply(ocrReading(), 'SXD', filed);
    expect(book.unmatched(units)[0]!.reason).toBe('Tệp hiệu chỉnh kiem-tra.xlsx, dòng 12: không có tệp nào trong đợt có mã SHA-256 dddddddddddd…; dòng này không được áp dụng.');
  });

  it('a content no unit holds: reported as an unknown SHA-256', () => {
    const book = new CorrectionBook([entry({ numeral: '30', sha256: 'd'.repeat(64) })]);
    book.apply(ocrReading(), 'SXD', filed);
    expect(book.unmatched(units)[0]!.reason).toBe('Tệp hiệu chỉnh hieu-chinh-SXD.json, mục 1: không có tệp nào trong đợt có mã SHA-256 dddddddddddd…; mục này không được áp dụng.');
  });
});
