// The handwritten corpus: generated scans whose numeral and day (the month now and then) a clerk
// wrote by pen into the printed blanks, in varied hands, inks, resolutions and scan quality, with
// the truth and where the blanks' lines are. Deterministic for a given seed. Test data only.
import { headerSpots, composeDocument, type DocumentSpec } from './decree30-pdf.js';
import { type GroundTruth, randomDocument } from './evidence-corpus.js';
import { createRandom } from './random.js';
import { type Ink, renderScannedDocument } from './scan-pdf.js';

export interface HandwrittenItem {
  name: string;
  bytes: Buffer;
  truth: GroundTruth;
  spec: DocumentSpec;
  /** Which parts the clerk wrote by hand. */
  handwritten: { numeral: boolean; day: boolean; month: boolean };
  /** The number line and the place-date line on page 1, in points from the top-left. */
  lines: { number: Box; date: Box };
  dpi: number;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One handwritten scan from `seed`. */
export async function handwrittenItem(seed: number, index: number): Promise<HandwrittenItem> {
  const random = createRandom(seed);
  const { spec, truth } = randomDocument(random);
  const handwritten = { numeral: true, day: random.chance(0.85), month: random.chance(0.25) };
  const dpi = random.pick([150, 200, 200, 300, 300]);
  const ink: Ink = random.pick(['blue', 'blue', 'violet', 'black', 'red']);
  const bytes = await renderScannedDocument(spec, {
    seed: seed ^ 0x5bd1e995,
    dpi,
    skewDegrees: random.range(-1.2, 1.2),
    noise: random.range(0.1, 0.5),
    fade: random.range(0, 0.3),
    jpegQuality: random.int(35, 80),
    maxPages: 1,
    stamp: { number: true, day: handwritten.day, month: handwritten.month, ink, style: 'pen', crossSlash: random.chance(0.2) },
  });
  // Where the lines are: laid out again as the scan generator printed them (blanks included).
  const printed: DocumentSpec = {
    ...spec,
    numeral: ' '.repeat(Math.max(6, 2 * (spec.numeral ?? '').length + 2)),
    date: { ...spec.date, ...(handwritten.day ? { day: null } : {}), ...(handwritten.month ? { month: null } : {}) },
  };
  const { doc, layout } = composeDocument(printed);
  const spots = headerSpots(doc, printed, layout);
  doc.end();
  const lineOf = (b: { x: number; y: number; width: number; height: number }, spot: { x: number; y: number; width: number; height: number }): Box => ({
    x0: b.x, x1: b.x + b.width, y0: spot.y - spot.height * 0.2, y1: spot.y + spot.height * 1.1,
  });
  return {
    name: `${String(index).padStart(3, '0')}-hand.pdf`,
    bytes, truth, spec, handwritten, dpi,
    lines: { number: lineOf(layout.numberBox, spots.numeral), date: lineOf(layout.dateBox, spots.day) },
  };
}
