// Which text-showing operations of a page can be left out when only a horizontal band of it is
// rendered (the audit's header crop): pdf.js draws every glyph of the page, even those far outside
// the canvas, and building their paths costs more than the band itself. The text state (CTM, text
// matrix, line position, font size, rise) is followed through the operator list; a show-text
// operation is left out only when its line lies wholly outside the band and nothing about it is
// uncertain (a rotated or skewed matrix, a clipping text mode, inside an annotation or a
// transparency group). Likewise an image painted wholly outside the band (pdf.js converts its
// every pixel before the canvas clips it away) and an annotation whose rectangle, to which pdf.js
// clips it, lies wholly outside (a signature widget at the foot of the page). Whatever is not
// followed is drawn: the result is the same picture.
import { pdfjs } from './pdfjs.js';

const { OPS } = pdfjs;

/** A 2×3 affine matrix `[a, b, c, d, e, f]` (PDF convention: x' = a·x + c·y + e, y' = b·x + d·y + f). */
export type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `m` applied after `n`: pdf.js's Util.transform(n, m). */
function multiply(n: Matrix, m: readonly number[]): Matrix {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = m;
  return [n[0] * a + n[2] * b, n[1] * a + n[3] * b, n[0] * c + n[2] * d, n[1] * c + n[3] * d, n[0] * e + n[2] * f + n[4], n[1] * e + n[3] * f + n[5]];
}

/** What the filter needs of a font: Type 3 glyphs are procedures of any size; others scale by the font matrix. */
export interface FontInfo {
  type3: boolean;
  /** The font matrix's vertical scale times 1000 (1 for a standard 1000-unit font). */
  scale: number;
}

interface TextState {
  ctm: Matrix;
  textMatrix: Matrix;
  lineY: number;
  leading: number;
  fontSize: number;
  /** The font in use, null when unknown (then everything is drawn). */
  font: FontInfo | null;
  rise: number;
  renderMode: number;
}

const SHOW_TEXT = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
/** Images painted into the unit square of the CTM (their position is the CTM alone). */
const PAINT_IMAGE = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintSolidColorImageMask]);
/** Device pixels of slack around a box judged outside the band (anti-aliasing, rounding). */
const SLACK = 2;

export interface OperatorList {
  fnArray: number[];
  argsArray: Array<unknown[] | null>;
}

/**
 * Decides, operation by operation in order, whether op `i` must be drawn for a canvas whose rows
 * are device y `0…height`; `base` maps PDF user space to device pixels (the viewport's transform).
 * `keep(i)` may be asked again for an index already decided (pdf.js resumes at an operation whose
 * resources were not ready) and answers the same.
 */
export class BandTextFilter {
  #state: TextState = { ctm: [...IDENTITY], textMatrix: [...IDENTITY], lineY: 0, leading: 0, fontSize: 0, font: null, rise: 0, renderMode: 0 };
  readonly #stack: TextState[] = [];
  /** Nesting of annotations and groups, inside which everything is drawn. */
  #opaque = 0;
  #next = 0;
  readonly #decided: boolean[] = [];
  /** Show-text operations left out so far. */
  skipped = 0;
  /** Images left out so far. */
  imagesSkipped = 0;
  /** Annotations left out so far (each with all its operations). */
  annotationsSkipped = 0;
  /** Inside an annotation that is left out whole: every operation up to its end is. */
  #inSkippedAnnotation = false;
  readonly #base: Matrix;

  constructor(
    private readonly ops: () => OperatorList | null,
    base: readonly number[],
    private readonly height: number,
    private readonly fontOf: (name: string) => FontInfo | null,
  ) {
    this.#base = multiply([...IDENTITY], base);
    this.#state.ctm = [...this.#base];
  }

  /** The box (x0, y0)–(x1, y1) mapped by `m` lies wholly above or below the band. */
  #outside(m: Matrix, x0: number, y0: number, x1: number, y1: number): boolean {
    const ys = [m[1] * x0 + m[3] * y0 + m[5], m[1] * x1 + m[3] * y0 + m[5], m[1] * x0 + m[3] * y1 + m[5], m[1] * x1 + m[3] * y1 + m[5]];
    if (!ys.every(Number.isFinite)) return false;
    return Math.max(...ys) < -SLACK || Math.min(...ys) > this.height + SLACK;
  }

  keep(i: number): boolean {
    const list = this.ops();
    if (!list) return true;
    while (this.#next <= i && this.#next < list.fnArray.length) {
      this.#decided[this.#next] = this.#step(list.fnArray[this.#next] as number, list.argsArray[this.#next] ?? []);
      this.#next += 1;
    }
    return this.#decided[i] ?? true;
  }

  #step(fn: number, args: unknown[]): boolean {
    if (this.#inSkippedAnnotation) {
      if (fn === OPS.endAnnotation) this.#inSkippedAnnotation = false;
      return false;
    }
    const s = this.#state;
    const num = (k: number) => (typeof args[k] === 'number' ? (args[k] as number) : 0);
    switch (fn) {
      case OPS.save:
        this.#stack.push({ ...s, ctm: [...s.ctm], textMatrix: [...s.textMatrix] });
        return true;
      case OPS.restore:
        if (this.#stack.length > 0) this.#state = this.#stack.pop() as TextState;
        return true;
      case OPS.transform:
        s.ctm = multiply(s.ctm, args as number[]);
        return true;
      case OPS.paintFormXObjectBegin:
        this.#stack.push({ ...s, ctm: [...s.ctm], textMatrix: [...s.textMatrix] });
        if (Array.isArray(args[0]) || ArrayBuffer.isView(args[0])) s.ctm = multiply(s.ctm, Array.from(args[0] as ArrayLike<number>));
        return true;
      case OPS.paintFormXObjectEnd:
        if (this.#stack.length > 0) this.#state = this.#stack.pop() as TextState;
        return true;
      case OPS.beginAnnotation: {
        // [id, rect, transform, matrix, hasOwnCanvas]: pdf.js clips an annotation to its rectangle
        // in user space; wholly outside the band, none of it shows. Annotations are not nested.
        const rect = args[1];
        const box = Array.isArray(rect) || ArrayBuffer.isView(rect) ? Array.from(rect as ArrayLike<number>) : [];
        if (this.#opaque === 0 && args[4] !== true && box.length === 4 && this.#outside(this.#base, box[0]!, box[1]!, box[2]!, box[3]!)) {
          this.#inSkippedAnnotation = true;
          this.annotationsSkipped += 1;
          return false;
        }
        this.#opaque += 1;
        return true;
      }
      case OPS.beginGroup:
        this.#opaque += 1;
        return true;
      case OPS.endAnnotation:
      case OPS.endGroup:
        this.#opaque = Math.max(0, this.#opaque - 1);
        return true;
      case OPS.beginText:
        s.textMatrix = [...IDENTITY];
        s.lineY = 0;
        return true;
      case OPS.setTextMatrix: {
        const m = Array.isArray(args[0]) || ArrayBuffer.isView(args[0]) ? Array.from(args[0] as ArrayLike<number>) : (args as number[]);
        s.textMatrix = multiply([...IDENTITY], m);
        s.lineY = 0;
        return true;
      }
      case OPS.moveText:
        s.lineY += num(1);
        return true;
      case OPS.setLeadingMoveText:
        s.leading = -num(1);
        s.lineY += num(1);
        return true;
      case OPS.setLeading:
        s.leading = num(0);
        return true;
      case OPS.nextLine:
        s.lineY -= s.leading;
        return true;
      case OPS.setFont:
        s.fontSize = Math.abs(num(1));
        s.font = typeof args[0] === 'string' ? this.fontOf(args[0]) : null;
        return true;
      case OPS.setTextRise:
        s.rise = num(0);
        return true;
      case OPS.setTextRenderingMode:
        s.renderMode = num(0);
        return true;
      case OPS.setGState:
        for (const entry of (args[0] as unknown[]) ?? []) {
          if (Array.isArray(entry) && entry[0] === 'Font' && Array.isArray(entry[1])) {
            s.fontSize = Math.abs(Number(entry[1][1]) || 0);
            s.font = typeof entry[1][0] === 'string' ? this.fontOf(entry[1][0]) : null;
          }
        }
        return true;
      default:
        if (PAINT_IMAGE.has(fn)) {
          // The image fills the unit square of the CTM.
          if (this.#opaque === 0 && this.#outside(s.ctm, 0, 0, 1, 1)) {
            this.imagesSkipped += 1;
            return false;
          }
          return true;
        }
        if (!SHOW_TEXT.has(fn)) return true;
        if (fn === OPS.nextLineShowText || fn === OPS.nextLineSetSpacingShowText) s.lineY -= s.leading;
        return this.#draws();
    }
  }

  /** Must the show-text operation at the current text position be drawn? */
  #draws(): boolean {
    const s = this.#state;
    // Clipping text modes (4–7) change what later operations show; an unknown font size, anything.
    if (this.#opaque > 0 || s.renderMode >= 4 || !(s.fontSize > 0) || !s.font || s.font.type3 || !(s.font.scale > 0)) return true;
    const m = multiply(s.ctm, s.textMatrix);
    // A rotated or skewed line moves up or down along its length: not followed.
    if (Math.abs(m[1]) > 1e-6 || Math.abs(m[2]) > 1e-6 || !(Math.abs(m[3]) > 0)) return true;
    const baseline = m[3] * (s.lineY + s.rise) + m[5];
    const size = Math.abs(m[3]) * s.fontSize * s.font.scale;
    // Glyphs reach some way above the baseline (accents on capitals) and below it (descenders);
    // either side, whichever way the page is flipped.
    const top = baseline - 1.6 * size - 4;
    const bottom = baseline + 1.6 * size + 4;
    if (bottom < 0 || top > this.height) {
      this.skipped += 1;
      return false;
    }
    return true;
  }
}
