// Text that starts with = + - @ (a unit name, a finding, a file name typed by a unit) is stored in the
// results workbook as a text cell, never a formula, and exactly as typed: no apostrophe is added
// (README "Bảng tính và CSV" says why).
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderWorkbook } from '../../pipeline/documents/workbook.js';
import { context, result } from './fixture.js';

const HOSTILE = ['=HYPERLINK("http://vi-du.invalid","Bấm")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1:A9)'];

describe('formula-like text in the results workbook', () => {
  it('is a text cell with the text as typed, and the workbook holds no formula', async () => {
    const units = result.units.map((u, i) => (i === 0 ? { ...u, name: HOSTILE[0]!, findings: HOSTILE.slice(1).map((reason) => ({ rule: 'report-format', effect: 'info' as const, unit: u.code, reason })) } : u));
    const data = await renderWorkbook(context({ result: { units } }));
    const parts = unzipSync(data);
    for (const [name, bytes] of Object.entries(parts)) {
      if (name.startsWith('xl/worksheets/')) expect(new TextDecoder().decode(bytes), name).not.toMatch(/<f[ >]/u);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const texts = new Set<string>();
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => { if (typeof cell.value === 'string') texts.add(cell.value); }));
    for (const text of HOSTILE) expect(texts.has(text), text).toBe(true);
  });
});
