import { describe, expect, it } from 'vitest';
import { claimedValues, fileNameNumerals } from '../../../pipeline/evidence/handwriting/claimed-values.js';

const file = { fileName: 'scan.pdf', symbol: 'QĐ-UBND', month: 10, year: 2017 };

describe('claimedValues', () => {
  it('the explanation cites the file\'s document: numeral, day and month are claimed', () => {
    const claims = claimedValues(file, { explanation: 'Đã ban hành Quyết định số 1975/QĐ-UBND ngày 02/10/2017 của UBND tỉnh.', listed: [] });
    expect(claims.map((c) => [c.kind, c.value, c.source])).toEqual([
      ['numeral', '1975', 'explanation'], ['day', '2', 'explanation'], ['month', '10', 'explanation'],
    ]);
    expect(claims[0]?.text).toBe('1975/QĐ-UBND ngày 02/10/2017');
  });
  it('a cited document with another symbol or another month is about another file', () => {
    expect(claimedValues(file, { explanation: 'Kế hoạch số 12/KH-UBND ngày 05/10/2017; Quyết định số 7/QĐ-UBND ngày 03/03/2017', listed: [] })).toEqual([]);
  });
  it('an evidence name listed in the report claims as the explanation does', () => {
    const claims = claimedValues(file, { explanation: '', listed: ['Quyết định 1975/QĐ-UBND ngày 02 tháng 10 năm 2017.pdf'] });
    expect(claims.map((c) => [c.kind, c.value, c.source])).toEqual([['numeral', '1975', 'listed'], ['day', '2', 'listed'], ['month', '10', 'listed']]);
  });
  it('the file\'s own name claims a numeral', () => {
    expect(claimedValues({ ...file, fileName: '1975-QD-UBND.pdf' }, { explanation: '', listed: [] })).toEqual([
      { kind: 'numeral', value: '1975', source: 'file-name', text: '1975-QD-UBND.pdf' },
    ]);
  });
});

describe('fileNameNumerals', () => {
  const cases: [string, string[]][] = [
    ['1975-QD-UBND.pdf', ['1975']],
    ['QD932.pdf', ['932']],
    ['Kế hoạch 05-KH-STP.pdf', ['05']],
    ['Quyết định 1975_QĐ-UBND ngày 02-10-2017.pdf', ['1975']],
    ['scan0001.pdf', []],
    ['IMG_20171002_0012.pdf', []],
    ['bao cao tong ket.pdf', []],
  ];
  for (const [name, numerals] of cases) it(`${name} → ${numerals.join(', ') || 'nothing'}`, () => expect(fileNameNumerals(name)).toEqual(numerals));
});
