// A unit's name, file names and explanations come from the unit's own files. Bidirectional control
// characters in them (U+202E RIGHT-TO-LEFT OVERRIDE and the like) would reorder what the minutes,
// the decision or the workbook show (`abc` after an override reads `cba`): they are shown as their
// code, as on the audit pages, while results.json keeps the text as it was.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderDecision } from '../../pipeline/documents/decision.js';
import { renderMinutes } from '../../pipeline/documents/minutes.js';
import { renderWorkbook } from '../../pipeline/documents/workbook.js';
import { documentText } from '../../pipeline/util/text.js';
import { docxParts } from './docx-text.js';
import { context, result } from './fixture.js';

const NAME = 'Sở Tư pháp \u202Eabc\u202C \u2067x\u2069';
const SHOWN = 'Sở Tư pháp ‹U+202E›abc‹U+202C› ‹U+2067›x‹U+2069›';
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

const withName = () => {
  const units = result.units.map((u, i) => (i === 0 ? { ...u, name: NAME } : u));
  return { ctx: context({ result: { units } }), unit: units[0]! };
};

describe('bidirectional controls in the documents', () => {
  it('documentText shows them as their code and leaves C0 controls out', () => {
    expect(documentText(NAME)).toBe(SHOWN);
    expect(documentText('Sở Xây\u0007 dựng')).toBe('Sở Xây dựng');
    expect(documentText('Tiếng Việt, tab\there')).toBe('Tiếng Việt, tab\there');
  });

  it('the minutes and the decision carry none, and show the name with the codes', async () => {
    const { ctx, unit } = withName();
    for (const doc of [await renderMinutes(ctx, unit, 1), await renderDecision(ctx)]) {
      const parts = docxParts(doc);
      for (const [name, xml] of Object.entries(parts)) expect(BIDI.test(xml), name).toBe(false);
      expect(parts['word/document.xml']).toContain('‹U+202E›');
    }
  });

  it('the workbook carries none in any cell', async () => {
    const { ctx } = withName();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderWorkbook(ctx)) as unknown as ArrayBuffer);
    const texts: string[] = [];
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => { if (typeof cell.value === 'string') texts.push(cell.value); }));
    expect(texts.filter((t) => BIDI.test(t))).toEqual([]);
    expect(texts).toContain(SHOWN);
  });
});
