import { describe, expect, it } from 'vitest';
import { parseDocumentDate, parseDocumentNumber, parseHeader, parseStampedNumeral } from '../../pipeline/evidence/parse-header.js';
import { fieldConfidence } from '../../pipeline/evidence/confidence.js';

interface NumberCase {
  name: string;
  text: string;
  ocr?: boolean;
  expected: Partial<ReturnType<typeof parseDocumentNumber> & object> | null;
}

const numberCases: NumberCase[] = [
  { name: 'Tam Đường công văn `Số: 1202/UBND-NV`', text: 'Số: 1202/UBND-NV', expected: { number: '1202/UBND-NV', numeral: '1202', suffixed: false, typeCode: null, issuerCode: 'UBND-NV', year: null, blankNumber: false } },
  { name: 'Hưng Yên decision `Số: 1708/QĐ-UBND`', text: 'Số: 1708/QĐ-UBND', expected: { number: '1708/QĐ-UBND', typeCode: 'QĐ', issuerCode: 'UBND' } },
  { name: 'Lào Cai blank `Số: /SNV-CCHC&QLVTLT`', text: 'Số: /SNV-CCHC&QLVTLT', expected: { number: null, numeral: null, blankNumber: true, typeCode: null, issuerCode: 'SNV-CCHC&QLVTLT' } },
  { name: 'blank with spaces `Số:      /SNV-CCHC`', text: 'Số:      /SNV-CCHC', expected: { number: null, blankNumber: true, issuerCode: 'SNV-CCHC' } },
  { name: 'blank with dots on a form `Số: ......./QĐ-UBND`', text: 'Số: ......./QĐ-UBND', expected: { number: null, blankNumber: true, typeCode: 'QĐ' } },
  { name: 'Thái Nguyên blank guidance `Số: /HD-SNV`', text: 'Số: /HD-SNV', expected: { blankNumber: true, typeCode: 'HD', issuerCode: 'SNV' } },
  { name: 'Tuyên Quang stray space after the hyphen `Số: /SNV- CCHCVTLT`', text: 'Số: /SNV- CCHCVTLT', expected: { blankNumber: true, issuerCode: 'SNV-CCHCVTLT' } },
  { name: 'suffixed plan `30a/KH-SXD`', text: 'Số: 30a/KH-SXD', expected: { number: '30a/KH-SXD', numeral: '30a', suffixed: true, typeCode: 'KH', issuerCode: 'SXD' } },
  { name: 'national suffixed resolution `30c/NQ-CP` parses normally', text: 'Số: 30c/NQ-CP', expected: { number: '30c/NQ-CP', suffixed: true, typeCode: 'NQ', issuerCode: 'CP' } },
  { name: 'normative number carries its year `29/2019/QĐ-UBND`', text: 'Số: 29/2019/QĐ-UBND', expected: { number: '29/2019/QĐ-UBND', numeral: '29', year: 2019, typeCode: 'QĐ', issuerCode: 'UBND', suffixed: false } },
  { name: 'a ministry circular `32/2020/TT-BGDĐT` (Decree 34/2016): type TT after the year, issuer BGDĐT', text: 'Số: 32/2020/TT-BGDĐT', expected: { number: '32/2020/TT-BGDĐT', numeral: '32', year: 2020, typeCode: 'TT', issuerCode: 'BGDĐT' } },
  { name: 'a joint circular `03/2011/TTLT-BNV-BTC`', text: 'Số: 03/2011/TTLT-BNV-BTC', expected: { number: '03/2011/TTLT-BNV-BTC', typeCode: 'TTLT', issuerCode: 'BNV-BTC' } },
  { name: 'without a year, `TT` is an issuer (a Trung tâm), not a circular', text: 'Số: 12/TT-VP', expected: { number: '12/TT-VP', typeCode: null, issuerCode: 'TT-VP' } },
  { name: 'a decree `15/2020/NĐ-CP`', text: 'Số: 15/2020/NĐ-CP', expected: { number: '15/2020/NĐ-CP', typeCode: 'NĐ', issuerCode: 'CP' } },
  { name: 'leading zero kept `05/BNV-VP`', text: 'Số: 05/BNV-VP', expected: { number: '05/BNV-VP', numeral: '05', typeCode: null, issuerCode: 'BNV-VP' } },
  { name: 'unit code with & `15/SNV-CCHC&QLVTLT`', text: 'Số: 15/SNV-CCHC&QLVTLT', expected: { number: '15/SNV-CCHC&QLVTLT', typeCode: null, issuerCode: 'SNV-CCHC&QLVTLT' } },
  { name: 'mixed-case type code `TTr` is not upper-cased', text: 'Số: 381/TTr-SNV', expected: { number: '381/TTr-SNV', typeCode: 'TTr', issuerCode: 'SNV' } },
  { name: 'mixed-case `QyĐ` and `CTr`', text: 'Số: 07/QyĐ-UBND', expected: { typeCode: 'QyĐ', number: '07/QyĐ-UBND' } },
  { name: "Prime Minister's `TTg` issuer kept", text: 'Số: 20/CT-TTg', expected: { number: '20/CT-TTg', typeCode: 'CT', issuerCode: 'TTg' } },
  { name: 'spaces around / and - removed', text: 'Số : 12 / KH - UBND', expected: { number: '12/KH-UBND', typeCode: 'KH' } },
  { name: 'dropped hyphen restored `QĐUBND`', text: 'Số: 1708/QĐUBND', expected: { number: '1708/QĐ-UBND', typeCode: 'QĐ', issuerCode: 'UBND' } },
  { name: 'issuer code with digits is not split `12/BCĐ389`', text: 'Số: 12/BCĐ389', expected: { number: '12/BCĐ389', typeCode: null, issuerCode: 'BCĐ389' } },
  { name: 'NFD input', text: 'Số: 1708/QĐ-UBND'.normalize('NFD'), expected: { number: '1708/QĐ-UBND', typeCode: 'QĐ' } },
  { name: 'Cyrillic look-alikes `КН` and `Ð` (U+00D0)', text: 'Số: 12/КН-UBND và Số', expected: { number: '12/KH-UBND', typeCode: 'KH' } },
  { name: 'Ð (U+00D0) for Đ in the type code', text: 'Số: 1708/QÐ-UBND', expected: { number: '1708/QĐ-UBND', typeCode: 'QĐ' } },
  { name: 'two columns merged into one line', text: 'Số: 1202/UBND-NV Tam Đường, ngày 26 tháng 12 năm 2019', expected: { number: '1202/UBND-NV', issuerCode: 'UBND-NV' } },
  { name: 'two columns merged without a space', text: 'Số: 30a/KH-SXDHưng Yên, ngày 05 tháng 02 năm 2024', expected: { number: '30a/KH-SXD', suffixed: true, issuerCode: 'SXD' } },
  { name: 'a body citation with `số` is not the header number', text: 'Căn cứ Quyết định số 29/2019/QĐ-UBND ngày 19/9/2019', expected: null },
  { name: 'the issuing body `SỞ XÂY DỰNG` is not a number label', text: 'SỞ XÂY DỰNG\nSố: 45/BC-SXD', expected: { number: '45/BC-SXD', typeCode: 'BC' } },
  { name: 'OCR: `S6:` label, `1O5` with a letter O, `QD` without its stroke', text: 'S6: 1O5/QD-UBND', ocr: true, expected: { number: '105/QĐ-UBND', numeral: '105', typeCode: 'QĐ', suffixed: false } },
  { name: 'OCR: `l` read for 1 is not a suffix', text: 'Số: 12l/UBND-VP', ocr: true, expected: { number: '121/UBND-VP', suffixed: false } },
  { name: 'OCR: a real suffix survives', text: 'Số: 125b/KH-UBND', ocr: true, expected: { number: '125b/KH-UBND', suffixed: true } },
  { name: 'OCR: a stamped numeral over the slash `125KH-SXD`', text: 'Số: 125KH-SXD Hưng Yên, ngày 05 tháng 02 năm 2024', ocr: true, expected: { number: '125/KH-SXD', suffixed: false, typeCode: 'KH' } },
  { name: 'OCR: a suffixed numeral over the slash `30aKH-SXD`', text: 'Số: 30aKH-SXD', ocr: true, expected: { number: '30a/KH-SXD', suffixed: true } },
  { name: 'OCR: a heading merged after the symbol is not part of it', text: 'Số: 125/KH-SXD - CỘNG HÒA XÃ HỘI', ocr: true, expected: { number: '125/KH-SXD', issuerCode: 'SXD' } },
  { name: 'OCR: a speck after the hyphen `HD-:SNN&PTNT`', text: 'Số: 2940/HD-:SNN&PTNT. Tuyên Quang, ngày 12 tháng 7 năm 2022', ocr: true, expected: { number: '2940/HD-SNN&PTNT', typeCode: 'HD', issuerCode: 'SNN&PTNT' } },
  { name: 'OCR: the hyphen read as a colon `TTr:SNN&PTNT`', text: 'Số: 1731/TTr:SNN&PTNT Tuyên Quang, ngày 01 tháng 6 năm 2021', ocr: true, expected: { number: '1731/TTr-SNN&PTNT', typeCode: 'TTr', issuerCode: 'SNN&PTNT' } },
  { name: 'OCR: the slash read twice `/JQĐ-STP`', text: 'Số: 2861/JQĐ-STP', ocr: true, expected: { number: '2861/QĐ-STP', typeCode: 'QĐ', issuerCode: 'STP' } },
  { name: 'OCR: one letter of a three-letter code misread `TIr`', text: 'Số: 74/TIr-SXD', ocr: true, expected: { number: '74/TTr-SXD', typeCode: 'TTr' } },
  { name: 'OCR: a two-letter issuer close to a type code is left alone', text: 'Số: 12/BH-VP', ocr: true, expected: { number: '12/BH-VP', typeCode: null, issuerCode: 'BH-VP' } },
  { name: 'OCR: Bộ Tài chính `BTC` is not taken for the type code `BTT`', text: 'Số: 1234/BTC-QLCS', ocr: true, expected: { number: '1234/BTC-QLCS', typeCode: null, issuerCode: 'BTC-QLCS' } },
  { name: 'OCR: the S of the label read as 8 or § (`8ố:`, `§8ố:`) on a noisy scan', text: '„ 8ố:1712/BC-SNV : Lào Cai, ngày 04 tháng 11 năm 2022', ocr: true, expected: { number: '1712/BC-SNV', typeCode: 'BC', issuerCode: 'SNV' } },
  { name: 'OCR: `§8ố: 1428c/QĐ-SNN&PTNT`', text: '_ 8§ố: 1428c/QĐ-SNN&PTNT Tuyên Quang', ocr: true, expected: { number: '1428c/QĐ-SNN&PTNT', suffixed: true } },
  { name: 'OCR: `80:` without the ố of `Số` is no label', text: '80: 12/KH-SXD', ocr: true, expected: null },
  { name: 'without OCR tolerance `8ố:` is no label', text: '8ố: 1712/BC-SNV', expected: null },
  { name: 'without OCR tolerance a lost slash is no number', text: 'Số: 125KH-SXD', expected: null },
  { name: 'without OCR tolerance a letter O is not a digit', text: 'Số: 1O5/QĐ-UBND', expected: null },
  { name: 'a line with no number at all', text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', expected: null },
];

describe('parseDocumentNumber', () => {
  for (const c of numberCases) {
    it(c.name, () => {
      const parsed = parseDocumentNumber(c.text, { ocr: c.ocr ?? false });
      if (c.expected === null) expect(parsed).toBeNull();
      else expect(parsed).toMatchObject(c.expected);
    });
  }

  it('records the repairs it made, so confidence can drop', () => {
    expect(parseHeader('Số: 1708/QĐUBND').numberRepairs).toContain('hyphen');
    expect(parseHeader('Số: 12/КН-UBND').numberRepairs).toContain('lookalike');
    expect(parseHeader('S6: 1O5/QD-UBND', { ocr: true }).numberRepairs).toEqual(expect.arrayContaining(['ocr-digit', 'ocr-type-code']));
    expect(parseHeader('Số: 1202/UBND-NV').numberRepairs).toEqual([]);
    expect(parseHeader('Số: 2940/HD', { ocr: true }).numberRepairs).toContain('incomplete-symbol');
    expect(parseHeader('Số: 1731/TTr:SNN&PTNT', { ocr: true }).numberRepairs).toContain('hyphen');
  });
});

interface DateCase {
  name: string;
  text: string;
  ocr?: boolean;
  expected: { date: string | null; place: string | null; blankDate: boolean } | null;
}

const dateCases: DateCase[] = [
  { name: 'Tam Đường `ngày 26 tháng 12 năm 2019`', text: 'Tam Đường, ngày 26 tháng 12 năm 2019', expected: { date: '2019-12-26', place: 'Tam Đường', blankDate: false } },
  { name: 'OCR-damaged place `Hung Yên, ngày 14 tháng 7 năm 2021`', text: 'Hung Yên, ngày 14 tháng 7 năm 2021', expected: { date: '2021-07-14', place: 'Hung Yên', blankDate: false } },
  { name: 'Lào Cai blank `ngày tháng năm 2021`', text: 'Lào Cai, ngày tháng năm 2021', expected: { date: null, place: 'Lào Cai', blankDate: true } },
  { name: 'Thái Nguyên blank day `ngày tháng 10 năm 2024`', text: 'Thái Nguyên, ngày    tháng 10 năm 2024', expected: { date: null, place: 'Thái Nguyên', blankDate: true } },
  { name: 'leading zeros `ngày 05 tháng 02 năm 2024`', text: 'Lào Cai, ngày 05 tháng 02 năm 2024', expected: { date: '2024-02-05', place: 'Lào Cai', blankDate: false } },
  { name: 'date broken across lines', text: 'Hà Nội, ngày 05 tháng\n02 năm 2024', expected: { date: '2024-02-05', place: 'Hà Nội', blankDate: false } },
  { name: 'two columns merged into one line', text: 'Số: 1202/UBND-NV Tam Đường, ngày 26 tháng 12 năm 2019', expected: { date: '2019-12-26', place: 'Tam Đường', blankDate: false } },
  { name: 'two columns merged without a space', text: 'Số: 30a/KH-SXDHưng Yên, ngày 05 tháng 02 năm 2024', expected: { date: '2024-02-05', place: 'Hưng Yên', blankDate: false } },
  { name: 'place with a connector word', text: 'Thành phố Hồ Chí Minh, ngày 01 tháng 3 năm 2024', expected: { date: '2024-03-01', place: 'Thành phố Hồ Chí Minh', blankDate: false } },
  { name: 'abbreviated place `TP. Hồ Chí Minh`', text: 'TP. Hồ Chí Minh, ngày 01 tháng 3 năm 2024', expected: { date: '2024-03-01', place: 'TP. Hồ Chí Minh', blankDate: false } },
  { name: 'NFD input', text: 'Hưng Yên, ngày 14 tháng 7 năm 2021'.normalize('NFD'), expected: { date: '2021-07-14', place: 'Hưng Yên', blankDate: false } },
  { name: 'the signing timestamp is not the document date', text: 'Thời gian ký: 05.02.2024 10:11:12 +07:00\nHà Nội, ngày 03 tháng 02 năm 2024', expected: { date: '2024-02-03', place: 'Hà Nội', blankDate: false } },
  { name: 'a long-form date cited in the body loses to the place-date line', text: 'Thực hiện Quyết định số 2910/QĐ-UBND ngày 13 tháng 8 năm 2021 của UBND tỉnh\nLào Cai, ngày 20 tháng 9 năm 2021', expected: { date: '2021-09-20', place: 'Lào Cai', blankDate: false } },
  { name: 'a date that is not on the calendar', text: 'Hà Nội, ngày 31 tháng 02 năm 2024', expected: { date: null, place: 'Hà Nội', blankDate: false } },
  { name: 'OCR: tone marks wrong on the keywords', text: 'Hưng Yên, ngảy 14 thảng 7 nãm 2021', ocr: true, expected: { date: '2021-07-14', place: 'Hưng Yên', blankDate: false } },
  { name: 'OCR: letter O read for a zero in the day', text: 'Hà Nội, ngày O5 tháng 02 năm 2024', ocr: true, expected: { date: '2024-02-05', place: 'Hà Nội', blankDate: false } },
  { name: 'OCR: a stamped `07` read as `97` is the only day it can be', text: 'Bắc Giang, ngày 97 tháng 4 năm 2022', ocr: true, expected: { date: '2022-04-07', place: 'Bắc Giang', blankDate: false } },
  { name: 'without OCR tolerance `ngày 97` is no date', text: 'Bắc Giang, ngày 97 tháng 4 năm 2022', expected: { date: null, place: 'Bắc Giang', blankDate: false } },
  { name: 'short dates in the body are not the document date', text: 'Căn cứ Kế hoạch số 2993/KH-UBND ngày 23/12/2019 của UBND tỉnh', expected: null },
];

describe('parseDocumentDate', () => {
  for (const c of dateCases) {
    it(c.name, () => {
      const parsed = parseDocumentDate(c.text, { ocr: c.ocr ?? false });
      if (c.expected === null) expect(parsed).toBeNull();
      else expect(parsed).toEqual(c.expected);
    });
  }
});

// The seeds' headers as extraction gives them (texts in /work/shared/seeds), with the body's opening
// citations, whose numbers and long-form dates must not be taken for the document's own.
const SEED_HEADERS = {
  'Tam Đường 2019 công văn': `**ỦY BAN NHÂN DÂN
HUYỆN TAM ĐƯỜNG**

**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập – Tự do – Hạnh phúc**

Số: 1202/UBND-NV

Về việc thực hiện tự đánh giá, chấm điểm, xác định Chỉ số cải cách hành chính năm 2019 của UBND huyện, UBND các xã, thị trấn.

Tam Đường, ngày 26 tháng 12 năm 2019

Kính gửi:

Căn cứ Quyết định số 29/2019/QĐ-UBND ngày 19/9/2019 của UBND tỉnh Lai Châu`,
  'Hưng Yên 2021 Quyết định 1708': `Số: 1708/QĐ-UBND

Hung Yên, ngày 14 tháng 7 năm 2021

QUYẾT ĐỊNH

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;
Căn cứ Quyết định số 1149/QĐ-BNV ngày 30/12/2020 của Bộ Nội vụ`,
  'Lào Cai 2021 hướng dẫn': `UBND TỈNH LÀO CAI
SỞ NỘI VỤ

CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: /SNV-CCHC&QLVTLT

Lào Cai, ngày tháng năm 2021

V/v hướng dẫn tự đánh giá, chấm điểm
để xác định Chỉ số CCHC năm 2021.

Thực hiện Quyết định số 2910/QĐ-UBND ngày 13 tháng 8 năm 2021 của Ủy ban nhân dân tỉnh`,
  'Thái Nguyên 2024 hướng dẫn': `Số: /HD-SNV

Thái Nguyên, ngày tháng 10 năm 2024

## HƯỚNG DẪN

Thực hiện Quyết định số 2610/QĐ-UBND ngày 25/10/2024 của Chủ tịch UBND tỉnh`,
  'Tuyên Quang 2023 hướng dẫn': `ỦY BAN NHÂN DÂN
TỈNH TUYÊN QUANG
SỞ NỘI VỤ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập – Tự do – Hạnh phúc

Số: /SNV- CCHCVTLT
V/v hướng dẫn triển khai xác định
Chỉ số CCHC của các cơ quan,
đơn vị năm 2023

Tuyên Quang, ngày tháng 3 năm 2024

Căn cứ Quyết định số 148/QĐ-UBND ngày 20/4/2023 của Ủy ban nhân dân tỉnh`,
};

describe('parseHeader on the seeds’ own headers', () => {
  const cases: { seed: keyof typeof SEED_HEADERS; number: string | null; date: string | null; place: string }[] = [
    { seed: 'Tam Đường 2019 công văn', number: '1202/UBND-NV', date: '2019-12-26', place: 'Tam Đường' },
    { seed: 'Hưng Yên 2021 Quyết định 1708', number: '1708/QĐ-UBND', date: '2021-07-14', place: 'Hung Yên' },
    { seed: 'Lào Cai 2021 hướng dẫn', number: null, date: null, place: 'Lào Cai' },
    { seed: 'Thái Nguyên 2024 hướng dẫn', number: null, date: null, place: 'Thái Nguyên' },
    { seed: 'Tuyên Quang 2023 hướng dẫn', number: null, date: null, place: 'Tuyên Quang' },
  ];
  for (const c of cases) {
    it(`${c.seed}: ${c.number ?? 'blank number'}, ${c.date ?? 'blank date'}`, () => {
      const header = parseHeader(SEED_HEADERS[c.seed]);
      expect(header.number).toMatchObject({ number: c.number, blankNumber: c.number === null });
      expect(header.date).toEqual({ date: c.date, blankDate: c.date === null, place: c.place });
    });
  }
});

describe('parseStampedNumeral (the numeral OCR read over a blank whose symbol the text layer knows)', () => {
  it.each([
    ['Số: 456 /5SGDĐT-GDTH.', '456'],
    ['Số: 1234SGDĐT-GDTH', '1234'],
    ['Số: 30a/KH-SXD', '30a'],
    ['Số: 1O5 |KH', '105'],
    ['_ Số: 07', '07'],
  ])('%s → %s', (text, numeral) => expect(parseStampedNumeral(text)?.numeral).toBe(numeral));

  it.each([['Số: /SGDĐT-GDTH'], ['Số: xin /KH'], ['Sở Nội vụ']])('%s → nothing', (text) => expect(parseStampedNumeral(text)).toBeNull());
});

describe('trap: a date outside the place-date line is never the document’s date', () => {
  it.each([
    ['a law cited in the body, on a line of its own', 'Căn cứ Luật Tổ chức chính quyền địa phương\nngày 19 tháng 6 năm 2015;'],
    ['a law cited in the body, on the same line', 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;'],
    ['a document cited by number', 'Thực hiện Quyết định số 2910/QĐ-UBND ngày 13 tháng 8 năm 2021 của UBND tỉnh'],
  ])('%s', (_name, text) => {
    expect(parseHeader(text, { ocr: true }).date).toBeNull();
  });

  it('a place-date line whose place OCR lost is read, but only as a repair that keeps it under the rules’ 0.8', () => {
    const parsed = parseHeader('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n, ngày 05 tháng 02 năm 2024', { ocr: true });
    expect(parsed.date?.date).toBe('2024-02-05');
    expect(parsed.dateRepairs).toContain('no-place');
    expect(fieldConfidence('ocr', 0.99, parsed.dateRepairs)).toBeLessThan(0.8);
  });
});

describe('trap: Party numbering (numeral-hyphen-type/issuer)', () => {
  it('reads `Số 31-CTr/TU` as the number 31-CTr/TU: numeral 31, type CTr, issuer TU', () => {
    expect(parseDocumentNumber('TỈNH ỦY TUYÊN QUANG\nSố 31-CTr/TU')).toMatchObject({ number: '31-CTr/TU', numeral: '31', typeCode: 'CTr', issuerCode: 'TU', suffixed: false, blankNumber: false });
    expect(parseDocumentNumber('Số 125-NQ/TU', { ocr: true })).toMatchObject({ number: '125-NQ/TU', numeral: '125', typeCode: 'NQ' });
  });

  it('keeps the State numbering as it was (`Số: 30a/KH-SXD`)', () => {
    expect(parseDocumentNumber('Số: 30a/KH-SXD')).toMatchObject({ number: '30a/KH-SXD', numeral: '30a', typeCode: 'KH', issuerCode: 'SXD' });
  });
});
