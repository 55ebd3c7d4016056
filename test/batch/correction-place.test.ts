import { describe, expect, it } from 'vitest';
import { correctionPlace, thisCorrection } from '../../pipeline/batch/correction-place.js';

describe('correctionPlace: a workbook row is a dòng, an entry of the audit pages\' JSON file a mục', () => {
  it.each([
    ['kiem-tra.xlsx', 3, 'dòng 3', 'dòng này'],
    ['Hieu chinh/KIEM-TRA.XLSX', 12, 'dòng 12', 'dòng này'],
    ['hieu-chinh-SXD.json', 2, 'mục 2', 'mục này'],
    ['hieu-chinh-hung-yen-2021.json', 1, 'mục 1', 'mục này'],
  ] as const)('%s, %i → %s', (file, line, place, self) => {
    expect(correctionPlace(file, line)).toBe(place);
    expect(thisCorrection(file)).toBe(self);
  });
});
