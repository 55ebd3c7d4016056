import { describe, expect, it } from 'vitest';
import type { DigitFrames } from '../../../pipeline/evidence/handwriting/ctc-digits.js';
import { handwritingPass, MIN_TEXT_ROW_PT } from '../../../pipeline/evidence/handwriting/hand-pass.js';
import type { GreyImage, Region } from '../../../pipeline/evidence/pdf-page.js';
import type { ExtractionParts, FieldPart } from '../../../pipeline/model.js';
import { HAND_DPI } from '../../../pipeline/evidence/handwriting/read-lines.js';
import { scriptedLine } from '../../helpers/scripted-line.js';

// A header page 600 × 800 pt drawn from boxes of ink (points, grey): the number line `Số: …/…` at
// rows 100–112 of the left column; in the right column the place-date line on the same rows, a seal
// and a signing box above it and an incoming stamp below, joined by the seal's ring (ink in every
// row from 20 to 180): the column's ink profile makes one row of it all. The grey tells the recognizer stand-in which
// line it is given: 20 the number line, 21 the date line.
const PAGE = { width: 600, height: 800 };
const SCENE: [number, number, number, number, number][] = [
  [60, 100, 200, 112, 20],
  [330, 20, 560, 95, 30],
  [335, 95, 337, 115, 30],
  [330, 115, 560, 180, 30],
  [340, 100, 560, 112, 21],
];

/** A page of ink boxes (x0, y0, x1, y1 in points, grey level) rendered as the pass asks for it. */
function renderScene(scene: [number, number, number, number, number][]) {
  return (region: Region, dpi: number): GreyImage => {
    const k = dpi / 72;
    const x0 = region.left * PAGE.width;
    const y0 = region.top * PAGE.height;
    const width = Math.max(1, Math.round(region.width * PAGE.width * k));
    const height = Math.max(1, Math.round(region.height * PAGE.height * k));
    const data = new Uint8Array(width * height).fill(235);
    for (const [bx0, by0, bx1, by1, grey] of scene) {
      for (let y = Math.max(0, Math.floor((by0 - y0) * k)); y < Math.min(height, Math.ceil((by1 - y0) * k)); y += 1) {
        for (let x = Math.max(0, Math.floor((bx0 - x0) * k)); x < Math.min(width, Math.ceil((bx1 - x0) * k)); x += 1) {
          data[y * width + x] = Math.min(data[y * width + x] ?? 255, grey);
        }
      }
    }
    return { width, height, data, scale: k };
  };
}
const render = renderScene(SCENE);


/** Reads a date line only when it is given more of the date line's ink than of the seal and stamps around it. */
function recognizer() {
  const lines: GreyImage[] = [];
  return {
    lines,
    line: async (image: GreyImage) => {
      lines.push(image);
      const count = (grey: number) => image.data.filter((v) => v === grey).length;
      if (count(21) > count(30)) return scriptedLine('-ngay--1-2--thang--');
      if (count(20) > 0) return scriptedLine('-S:--1-2--/Q-');
      return scriptedLine('--');
    },
    frames: async (): Promise<DigitFrames> => [[0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]].map((r) => Float64Array.from(r)),
  };
}

const unknown = (status: FieldPart['status']): FieldPart<never> => ({ status, value: null, confidence: 0, source: null, page: null, region: null });

describe('handwritingPass: the place-date line looked for beside the number line', () => {
  it('finds the date on the number\'s row when a seal and stamps join the date column into one tall row', async () => {
    const parts = {
      numeral: { ...unknown('handwritten'), page: 1, region: { x0: 60, y0: 100, x1: 200, y1: 112 } },
      symbol: { ...unknown('read'), value: 'QĐ-UBND', page: 1, region: { x0: 60, y0: 100, x1: 200, y1: 112 } },
      day: unknown('unreadable'),
      month: unknown('read'),
      year: unknown('read'),
    } as unknown as ExtractionParts;
    const r = recognizer();
    const got = await handwritingPass(parts, { page: PAGE, render: async (region, dpi) => render(region, dpi), recognizer: r });
    expect(got).toContain('day');
    expect(parts.day.status).toBe('handwritten');
    expect(parts.day.handwriting?.candidates[0]?.value).toBe('12');
  });
  it('without a number row to go by, the date column\'s tall row gives nothing', async () => {
    const parts = { numeral: unknown('read'), symbol: unknown('read'), day: unknown('unreadable'), month: unknown('read'), year: unknown('read') } as unknown as ExtractionParts;
    const got = await handwritingPass(parts, { page: PAGE, render: async (region, dpi) => render(region, dpi), recognizer: recognizer() });
    expect(got).toEqual([]);
  });
});

describe('handwritingPass: the number line looked for down the header', () => {
  // The left column of a header whose rules (2.4 pt, as a scan thickens a 1 pt line) stand above
  // the number line (12 pt): the rules are most of the column's ink rows, so the row profile keeps them.
  const RULED: [number, number, number, number, number][] = [
    [80, 40, 200, 42.4, 30],
    [80, 70, 200, 72.4, 30],
    [60, 100, 200, 112, 20],
  ];
  const renderRuled = renderScene(RULED);

  it('never hands the recognizer a rule: an ink row under 4 pt holds no label', async () => {
    const parts = { numeral: unknown('handwritten'), symbol: unknown('unreadable'), day: unknown('read'), month: unknown('read'), year: unknown('read') } as unknown as ExtractionParts;
    const r = recognizer();
    await handwritingPass(parts, { page: PAGE, render: async (region, dpi) => renderRuled(region, dpi), recognizer: r });
    // The search found the number line below the rules: it was read again whole at the pass's resolution.
    expect(r.lines.some((image) => Math.abs(image.scale - HAND_DPI / 72) < 1e-9)).toBe(true);
    // Every image read is a text row (the search's rows at 150 dpi, the number line at 220): none 4 pt high or less.
    for (const image of r.lines) expect(image.height / image.scale).toBeGreaterThan(MIN_TEXT_ROW_PT);
  });
});

describe('handwritingPass: the number line looked for beside a date line already placed', () => {
  // The left column: the issuing body's two rows (12 pt) above the number line; the right column
  // holds the place-date line on the number's row (Decree 30/2020, Appendix I).
  const HEADER: [number, number, number, number, number][] = [
    [80, 20, 200, 32, 25],
    [90, 40, 190, 52, 25],
    [60, 100, 200, 112, 20],
    [340, 100, 560, 112, 21],
  ];
  const renderHeader = renderScene(HEADER);
  const pen = (over: Partial<Record<'day' | 'month' | 'year', FieldPart>> = {}) => ({
    numeral: unknown('handwritten'), symbol: unknown('unreadable'), day: unknown('read'), month: unknown('read'), year: unknown('read'), ...over,
  }) as unknown as ExtractionParts;
  const numberRows = (lines: GreyImage[]) => lines.map((image) => image.data.some((v) => v === 20));

  it('reads the number column\'s row beside the date first, and only it, when the first reader placed the date', async () => {
    const parts = pen({ year: { ...unknown('read'), page: 1, region: { x0: 340, y0: 100, x1: 560, y1: 112 } } });
    const r = recognizer();
    const got = await handwritingPass(parts, { page: PAGE, render: async (region, dpi) => renderHeader(region, dpi), recognizer: r });
    expect(got).toEqual(['numeral']);
    // The search's one read (150 dpi) and the line read again whole (220 dpi): both the number line.
    expect(numberRows(r.lines)).toEqual([true, true]);
  });

  it('without a placed date, reads the rows top down until the number line', async () => {
    const r = recognizer();
    const got = await handwritingPass(pen(), { page: PAGE, render: async (region, dpi) => renderHeader(region, dpi), recognizer: r });
    expect(got).toEqual(['numeral']);
    expect(numberRows(r.lines)).toEqual([false, false, true, true]);
  });
});
