// OCR of page 1, spent only where needed: boxes of the page the text layer points at (a row under
// a signing stamp, the lines of a legacy-font header), or, for a scan, the number/date row found
// in the top of the page, then one plain pass over the top third and re-reads of the lines it shows.
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { COLUMN_SPLIT, HEADER_OCR_ZONE } from './decree30-layout.js';
import { cropBand, findNumberDateRows } from './header-rows.js';
import { type Box, boxOnPage, boxTurned, complete, type Field, fillBlanks, type Frame, type Header, mergeBoxes, mergeHeader, NOTHING, onPage, readMapped, readStamped, type Seen } from './header-fields.js';
import type { GreyPixels } from './image-xobject.js';
import { buildLines, columnText, linesFromGroups, type Piece, plainText } from './layout.js';
import type { Layout, OcrEngine } from './ocr-engine.js';
import type { ParsedDate, ParsedNumber } from './parse-header.js';
import { seenHandwritten, strongSingleRead, symbolOf } from './field-parts.js';
import { type PageImage, renderImageRegion } from './page-image.js';
import { PhaseTimer } from './phase-timer.js';
import { foldVietnamese } from '../util/text.js';
import { type GreyImage, type PageSize, type Region, type RenderedRegion, renderRegion, renderRegionPixels, type RgbaPixels, type Turn } from './pdf-page.js';

/** Rendering resolution for OCR of boxes of a text-layer page (glyphs, a stamp). */
const BOX_DPI = 300;
/** Rendering resolution for OCR of a scanned header: enough for 12–13 pt print and a clerk's stamp. */
const SCAN_DPI = 220;
/** Resolution of the second look at a row that read only in part. */
const RETRY_DPI = 300;
/**
 * A stamped picture is read alone, without the row around it, at two resolutions: OCR of a lone
 * numeral now and then splits or drops a digit at one resolution (`789` read `7/89`, `01` read `0`),
 * seldom the same way at both. Only a reading both give is taken.
 */
const PICTURE_DPIS = [150, 220];
/**
 * Resolutions of the check read of an OCR'd field's line, the one farther from the first read's:
 * OCR misreads pen strokes and faint digits differently at different resolutions (`399`, `3 939`,
 * `4939` for a handwritten `3980`), print seldom. A value is confirmed only when it agrees.
 */
const CHECK_DPI_LOW = 200;
const CHECK_DPI_HIGH = 300;
/** What a picture stamped over a blank may read: a numeral (`125`, `30a`) or a day; never only zeros. */
const STAMPED = /^(?!0+[a-z]?$)\d{1,5}[a-z]?$/u;

/** A picture stamped over the page (points from the top-left) and its pixels. */
export interface StampPicture extends Box {
  image: GreyPixels;
}

export class PageOcr {
  /** Images recognised so far. */
  regions = 0;
  /** Pixel size of the largest image rendering met (a scan's page image). */
  largestImage: { width: number; height: number } | null = null;
  /** Some rendering showed ink: the page is not blank. */
  inkSeen = false;
  #image: PageImage | null = null;

  constructor(
    private readonly page: PDFPageProxy,
    private readonly size: PageSize,
    private readonly engine: OcrEngine,
    private readonly onOcr?: () => void,
    private readonly phases = new PhaseTimer(),
  ) {}

  /** Render from this image (the page's own JPEG or grey pixels) instead of through pdf.js. */
  useImage(image: PageImage | null): void {
    this.#image = image;
  }

  /** Renders come from the page's own image (`useImage`). */
  get hasImage(): boolean {
    return this.#image !== null;
  }

  async render(region: Region, dpi: number, rotation: Turn): Promise<RenderedRegion> {
    // The page's own image turns only upright or over; sideways goes through pdf.js.
    const image = rotation === 0 || rotation === 180 ? this.#image : null;
    const rendered = await this.phases.time('render', () => (image && (rotation === 0 || rotation === 180) ? renderImageRegion(image, region, dpi, rotation) : renderRegion(this.page, region, dpi, rotation)));
    this.largestImage ??= rendered.largestImage;
    if (rendered.inkPixels > 0) this.inkSeen = true;
    return rendered;
  }

  /**
   * The audit's header crop of `region` of the page turned by `rotation` (as the reader read it,
   * so upright), handed to `use`: from the page's own image when it has one (a scan, decoded
   * already) and the turn is upright or over, as grey; else rendered by pdf.js, upright without the
   * text lines outside the region, as the canvas's own pixels (valid only during `use`).
   */
  async renderCrop<T>(region: Region, dpi: number, rotation: Turn, use: (pixels: GreyImage | RgbaPixels) => T): Promise<T> {
    const image = rotation === 0 || rotation === 180 ? this.#image : null;
    return this.phases.time('crop-render', async () => (image && (rotation === 0 || rotation === 180)
      ? use((await renderImageRegion(image, region, dpi, rotation)).image)
      : renderRegionPixels(this.page, region, dpi, rotation, rotation === 0 ? { onlyTextInRegion: true } : {}, use)));
  }

  /**
   * OCR of an image of the page; `frame` says where the image sits on the page, so the fields'
   * boxes come back in points of the page (see `onPage`).
   */
  async recognise(image: GreyImage, layout: Layout, frame: Frame, split = image.width * COLUMN_SPLIT): Promise<Seen> {
    const result = await this.phases.time('ocr', () => this.engine.recognise(image, layout));
    this.regions += 1;
    this.onOcr?.();
    if (image.chroma) for (const word of result.lines.flat()) word.colour = inkColour(image, word);
    const lines = linesFromGroups(result.lines, split);
    const mapped = columnText(lines, split);
    const seen: Seen = { ...readMapped(mapped, true), numeral: readStamped(mapped), text: plainText(lines).text, confidence: result.confidence };
    // A blank OCR read as nothing: is there ink in it? (Faint pen strokes read as nothing too.)
    const measured = <T>(f: Field<T> | null): Field<T> | null => (f?.gap ? { ...f, gapInk: inkShare(image, f.gap) } : f);
    // A row's height is its typical word's: a pen's tall digits must not stretch it over the next line.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const rows = lines.flatMap((l) => l.segments).map((g) => ({
      text: g.pieces.map((p) => p.text).join(' '),
      box: boxOnPage({ x0: g.x0, x1: g.x1, y0: median(g.pieces.map((p) => p.y0)), y1: median(g.pieces.map((p) => p.y1)) }, frame),
    }));
    return { ...onPage({ ...seen, number: measured(seen.number), date: measured(seen.date) }, frame), rows };
  }

  /** Where a rendering of `region` (turned by `rotation`) sits on the page, for `recognise`. */
  frameOf(region: Region, image: GreyImage, rotation: Turn, dy = 0): Frame {
    // The region is a share of the turned page, whose sides swap when it is turned sideways.
    const sideways = rotation === 90 || rotation === 270;
    const width = sideways ? this.size.height : this.size.width;
    const height = sideways ? this.size.width : this.size.height;
    return { left: region.left * width, top: region.top * height + dy / image.scale, scale: image.scale, rotation, page: this.size };
  }

  /**
   * OCR of boxes of the page (points from the top-left), each holding a text row: `fill-blanks`
   * takes only what fills the blanks of `into`; `merge` takes what `into` lacks.
   */
  async boxes(boxes: Box[], into: Header, mode: 'fill-blanks' | 'merge'): Promise<Header> {
    let header = into;
    for (const box of mergeBoxes(boxes)) {
      // A little above the row (overlays sit high) and hardly below it: the next line must not creep in.
      const height = (box.y1 - box.y0) / box.rows;
      const top = Math.max(0, box.y0 - height * 0.35);
      const left = Math.max(0, box.x0 - height);
      const region: Region = {
        left: left / this.size.width,
        top: top / this.size.height,
        width: Math.min(this.size.width - left, box.x1 - box.x0 + 2 * height) / this.size.width,
        height: Math.min(this.size.height - top, box.y1 - box.y0 + height * 0.47) / this.size.height,
      };
      const rendered = await this.render(region, BOX_DPI, 0);
      if (rendered.inkPixels === 0) continue;
      // One text row: recognise it as a line (no layout analysis); merged rows as a block.
      const split = (this.size.width * COLUMN_SPLIT - left) * rendered.image.scale;
      const seen = await this.recognise(rendered.image, box.rows > 1 ? 'block' : 'line', this.frameOf(region, rendered.image, 0), split);
      header = mode === 'fill-blanks' ? fillBlanks(header, seen) : mergeHeader(header, seen);
    }
    return header;
  }

  /**
   * OCR of pictures stamped at signing over the text layer's blanks (a number or a day drawn as
   * an image), each picture on its own instead of the page rendered: its words are laid into the
   * row like an overlay's text, and what fills the blanks of `into` is taken.
   */
  async pictures(pictures: StampPicture[], pieces: Piece[], into: Header): Promise<Header> {
    const words: Piece[] = [];
    let sum = 0;
    for (const picture of pictures) {
      const pointsPerPixel = (picture.x1 - picture.x0) / picture.image.width;
      if (!hasInk(picture.image) || !(pointsPerPixel > 0)) continue;
      const reads: { image: ReturnType<typeof ocrReady>; lines: Piece[][]; confidence: number }[] = [];
      for (const dpi of PICTURE_DPIS) {
        const image = ocrReady(picture.image, pointsPerPixel, dpi);
        const result = await this.phases.time('ocr', () => this.engine.recognise(image.grey, 'line'));
        this.regions += 1;
        this.onOcr?.();
        reads.push({ image, ...result });
      }
      const texts = reads.map((r) => r.lines.flat().map((w) => w.text).join(''));
      const last = reads[reads.length - 1];
      if (!last || !texts.every((t) => t === texts[0]) || !STAMPED.test(texts[0] ?? '')) continue;
      sum += Math.min(...reads.map((r) => r.confidence));
      // Pixels of the picture back to points of the page: across the stamp's rectangle.
      const { grey, pad } = last.image;
      const perPixel = (picture.x1 - picture.x0) / (grey.width - 2 * pad);
      for (const word of last.lines.flat()) {
        const x0 = picture.x0 + (word.x0 - pad) * perPixel;
        const x1 = picture.x0 + (word.x1 - pad) * perPixel;
        words.push({ ...word, x0, x1, y0: picture.y0, y1: picture.y1, overlay: true });
      }
    }
    if (words.length === 0) return into;
    const split = this.size.width * COLUMN_SPLIT;
    const lines = buildLines([...pieces, ...words], split).filter((l) => l.segments.some((s) => s.pieces.some((p) => p.overlay === true && p.origin === 'ocr')));
    const mapped = columnText(lines, split);
    const seen: Seen = { ...readMapped(mapped, true, lines), numeral: readStamped(mapped), text: plainText(lines).text, confidence: sum / pictures.length };
    // Each picture was read at two resolutions and only a reading both gave was taken: already checked.
    const filled = fillBlanks(into, seen);
    const agreed = <T>(f: Field<T> | null): Field<T> | null => (f && f.origin === 'ocr' ? { ...f, checked: 'agree' } : f);
    return { number: agreed(filled.number), date: agreed(filled.date) };
  }

  /**
   * A second, independent read of each field OCR gave and nothing has confirmed yet: its own line
   * (with the `Số:` label before a number) rendered at another resolution and read alone. The field
   * is marked `agree`, `disagree` (with what the second read gave) or `unconfirmed`. A scanner's
   * hidden layer whose number and date stand on one row (Decree 30's number/date row) has that row
   * read once for both, from the number's label to the page's edge: one OCR read instead of two.
   */
  async verify(header: Header): Promise<Header> {
    type Plan = { region: Region; dpi: number; rotation: Turn; box: { x0: number; y0: number; x1: number; y1: number } };
    const plan = <T extends ParsedNumber | ParsedDate>(field: Field<T> | null, kind: 'number' | 'date'): Plan | Field<T> | null => {
      if (!field || !(field.origin === 'ocr' || field.hiddenLayer) || field.checked || !field.box || seenHandwritten(field)) return field;
      // Print read with every character scored high, in the shape of the print around it: one read is evidence enough.
      if (strongSingleRead(field as Field<ParsedNumber> | Field<ParsedDate>, kind)) return { ...field, checked: 'single' };
      // In the page as read (turned for an upside-down or sideways scan).
      const rotation: Turn = field.turned ?? 0;
      const sideways = rotation === 90 || rotation === 270;
      const W = sideways ? this.size.height : this.size.width;
      const H = sideways ? this.size.width : this.size.height;
      const b = boxTurned(field.box, rotation, this.size);
      const h = Math.max(4, b.y1 - b.y0);
      const left = Math.max(0, b.x0 - (kind === 'number' ? 3.5 : 1) * h);
      // A scanner's hidden layer boxes its words narrower than the print (the year of the date line
      // fell outside): its date line is checked out to the page's right edge, where that line ends.
      const right = Math.min(W, field.hiddenLayer && kind === 'date' ? W : b.x1 + h);
      const top = Math.max(0, b.y0 - 0.4 * h);
      const bottom = Math.min(H, b.y1 + 0.5 * h);
      if (!(right > left && bottom > top)) return { ...field, checked: 'unconfirmed' };
      const region: Region = { left: left / W, top: top / H, width: (right - left) / W, height: (bottom - top) / H };
      return { region, dpi: (field.scale ?? 3) * 72 >= 260 ? CHECK_DPI_LOW : CHECK_DPI_HIGH, rotation, box: { x0: left, y0: top, x1: right, y1: bottom } };
    };
    const isPlan = (p: unknown): p is Plan => typeof p === 'object' && p !== null && 'region' in p && 'dpi' in p;
    const reads = new Map<Plan, Promise<Seen | null>>();
    const read = (p: Plan): Promise<Seen | null> => {
      let seen = reads.get(p);
      if (!seen) {
        seen = (async () => {
          const rendered = await this.render(p.region, p.dpi, p.rotation);
          return rendered.inkPixels === 0 ? null : this.recognise(rendered.image, 'line', this.frameOf(p.region, rendered.image, p.rotation), Number.POSITIVE_INFINITY);
        })();
        reads.set(p, seen);
      }
      return seen;
    };
    const judge = <T extends ParsedNumber | ParsedDate>(field: Field<T>, kind: 'number' | 'date', seen: Seen | null): Field<T> => {
      if (!seen) return { ...field, checked: 'unconfirmed' };
      if (kind === 'number') {
        const first = (field.value as ParsedNumber).numeral;
        const second = seen.number?.value.numeral ?? seen.numeral?.numeral ?? looseNumeral(seen.text);
        // A blank the check read finds a numeral in holds ink: not blank.
        if (!first && second && (field.value as ParsedNumber).blankNumber) return { ...field, checked: 'disagree', other: { numeral: second } };
        const unconfirmed = !first || !second;
        if (!unconfirmed && second !== first) return { ...field, checked: 'disagree', other: { numeral: second } };
        // The symbol too: a hyphen lost (`SXDVP`), a letter misread (`CTF`), a layer without diacritics (`QD`).
        const symbol = seen.number ? symbolOf(seen.number.value) : null;
        const mine = symbolOf(field.value as ParsedNumber);
        if (symbol !== null && symbol !== mine) return { ...field, checked: unconfirmed ? 'unconfirmed' : 'agree', other: { symbol } };
        return { ...field, checked: unconfirmed ? 'unconfirmed' : 'agree', ...(symbol === null ? { symbolUnconfirmed: true } : {}) };
      }
      const mine = field.dmy;
      const theirs = seen.date?.dmy;
      if (!mine || !theirs) return { ...field, checked: 'unconfirmed' };
      if (mine.day !== theirs.day || mine.month !== theirs.month || mine.year !== theirs.year) return { ...field, checked: 'disagree', other: { day: theirs.day, month: theirs.month, year: theirs.year } };
      return { ...field, checked: 'agree' };
    };
    let number = plan(header.number, 'number');
    let date = plan(header.date, 'date');
    // Both from a scanner's hidden layer, on one row: that row, from the number's label to the page's edge, read once.
    if (isPlan(number) && isPlan(date) && header.number?.hiddenLayer && header.date?.hiddenLayer && number.rotation === date.rotation && number.dpi === date.dpi) {
      const a = number.box;
      const b = date.box;
      const overlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      if (overlap >= 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0)) {
        const sideways = number.rotation === 90 || number.rotation === 270;
        const W = sideways ? this.size.height : this.size.width;
        const H = sideways ? this.size.width : this.size.height;
        const box = { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
        const row: Plan = { region: { left: box.x0 / W, top: box.y0 / H, width: (box.x1 - box.x0) / W, height: (box.y1 - box.y0) / H }, dpi: number.dpi, rotation: number.rotation, box };
        number = row;
        date = row;
      }
    }
    const outcome = async <T extends ParsedNumber | ParsedDate>(field: Field<T> | null, p: Plan | Field<T> | null, kind: 'number' | 'date'): Promise<Field<T> | null> =>
      (field && isPlan(p) ? judge(field, kind, await read(p)) : (p as Field<T> | null));
    return { number: await outcome(header.number, number, 'number'), date: await outcome(header.date, date, 'date') };
  }

  /**
   * The header of a scanned page 1: the number/date row of the top; if it reads as nothing the
   * page may be upside down; half read, a second look at another resolution; then one plain pass
   * over the top third (also the text of a signature box there); the page turned over or on its
   * side only when that pass shows no header words; the line of a field it shows but could not
   * read, re-read alone; wider only for a field the top third does not show.
   */
  async scannedHeader(): Promise<{ header: Header; topText: string }> {
    const top: Region = { left: 0, top: 0, width: 1, height: HEADER_OCR_ZONE };
    const third: Region = { left: 0, top: 0, width: 1, height: 1 / 3 };
    // The top of the page rendered, where the number/date row may be, and the read of candidate `pick`.
    // `pastBox`: whether a signing box over the header was passed over on the first rendering.
    const rowOf = async (turn: 0 | 180, dpi = SCAN_DPI, pick = 0, pastBox?: boolean) => {
      const rendered = await this.render(top, dpi, turn);
      if (rendered.inkPixels === 0) return null;
      const rows = this.phases.timeSync('rows', () => findNumberDateRows(rendered.image, COLUMN_SPLIT, 4, pastBox));
      const readRow = async (k: number): Promise<Seen> => {
        const row = rows[k];
        const band = row ? this.phases.timeSync('rows', () => cropBand(rendered.image, row, (row.y1 - row.y0) * 0.45)) : null;
        const seen = band && row ? await this.recognise(band, 'line', this.frameOf(top, rendered.image, turn, Math.round(row.y0 - (row.y1 - row.y0) * 0.45))) : null;
        return seen ?? { ...NOTHING, numeral: null, text: '', confidence: 0 };
      };
      // The top of the page down to just below candidate `k`, in OCR's own page layout: the header's rows as a plain pass reads them.
      const readDownTo = async (k: number): Promise<Seen | null> => {
        const row = rows[k];
        if (!row) return null;
        const { image } = rendered;
        // The row's bottom at the image's left or right edge, whichever is lower on a skewed page.
        const bottom = row.y1 + Math.max(-row.x0 * row.slope, (image.width - row.x0) * row.slope);
        const height = Math.min(image.height, Math.round(bottom + (row.y1 - row.y0) * 0.6));
        const cut: GreyImage = { width: image.width, height, data: image.data.subarray(0, image.width * height), scale: image.scale, ...(image.chroma ? { chroma: image.chroma.subarray(0, image.width * height) } : {}) };
        return this.recognise(cut, 'block', this.frameOf(top, image, turn));
      };
      return { rendered, turn, rows, readRow, readDownTo, seen: await readRow(pick) };
    };
    const plainPass = async (turn: Turn) => {
      const plain = await this.render(third, SCAN_DPI, turn);
      return plain.inkPixels === 0 ? null : this.recognise(plain.image, 'block', this.frameOf(third, plain.image, turn));
    };
    // An upside-down half-page scan has nothing at the top of the page as displayed: look at its other end.
    const upright = (await rowOf(0)) ?? (await rowOf(180));
    if (!upright) return { header: NOTHING, topText: '' };
    let found: Header = upright.seen;
    let rotation: Turn = upright.turn;
    let topText = '';
    let chosen = upright;
    if (!found.number && !found.date && upright.seen.confidence < 0.7 && rotation === 0) {
      const turned = await rowOf(180);
      if (turned && (turned.seen.number || turned.seen.date)) {
        found = turned.seen;
        rotation = 180;
        chosen = turned;
      }
    }
    // The row read is one above the number/date row (the motto, a signing box stamped over the top):
    // the next candidate rows, a line each, before the plain pass over the whole top third.
    let pick = 0;
    let row = chosen.seen;
    for (let k = 1; k < chosen.rows.length && !found.number && !found.date && aboveNumberRow(row.text); k += 1) {
      row = await chosen.readRow(k);
      pick = k;
      if (row.number || row.date) found = row;
    }
    // A pen's numeral: the number/date row read its `Số:` label (or `86:`, a pen stroke over it) and
    // a date that reads, and OCR made strokes of the number (no digit between the label and the
    // slash). Neither a second look at 300 dpi nor OCR's own layout of the header reads pen (the
    // handwriting pass does, from the label's line, re-read alone below), so neither is made: some
    // 0.25 CPU-s of such a scan's 0.8. A printed numeral whose symbol was misread (`120/5NV-…`) still gets both, which may read
    // it right. A signing box printed above such a header goes unread, as above any header read
    // complete from its row.
    const rowMarks = headerLandmarks(row.text);
    const penNumber = rowMarks.number && rowMarks.date && found.number === null && found.date !== null && found.date.value.date !== null && !digitsAfterLabel(row.text);
    if (!complete(found) && (found.number || found.date) && !penNumber) {
      // A stamped digit is often settled by a second look (`91` at one resolution, `01` at another).
      const again = await rowOf(rotation, RETRY_DPI, pick, chosen.rows[0]?.pastBox === true);
      if (again) found = mergeHeader(doubted(found, again.seen), again.seen);
    }
    if (complete(found)) return { header: found, topText };
    // Never less than one plain OCR pass over the top third of the page would read. When the row
    // read is the number/date row itself (its place-date line read, and its `Số:` label or the date
    // itself; a value not: a pen's numeral, a stamped day, a pen stroke over the label), the pass
    // covers the page down to just below that row, a third of the cost: below it lie the title and
    // the body, whose citations are never the document's.
    const onRow = rowMarks.date && (rowMarks.number || row.date !== null);
    const plain = penNumber ? null : onRow ? await chosen.readDownTo(pick) : await plainPass(rotation);
    let marks = headerLandmarks(onRow ? `${row.text}\n${plain?.text ?? ''}` : (plain?.text ?? ''));
    let rows = plain?.rows ?? (penNumber ? (row.rows ?? []) : []);
    if (plain) {
      found = mergeHeader(found, plain);
      topText = plain.text;
    }
    // Turned over or on its side only when what was read upright is no header at all: OCR of an
    // upright header's print reads its motto and labels even where its number and date fail.
    if (!found.number && !found.date && !marks.upright) {
      for (const turn of ([180, 90, 270] as const).filter((t) => t !== rotation)) {
        const seen = await plainPass(turn);
        if (!seen) continue;
        const theirs = headerLandmarks(seen.text);
        if (seen.number || seen.date || theirs.upright) {
          found = seen;
          rotation = turn;
          topText = seen.text;
          marks = theirs;
          rows = seen.rows ?? [];
          break;
        }
      }
    }
    if (complete(found)) return { header: found, topText };
    // A field whose line the plain pass shows (its label read, its value not) is re-read alone,
    // that line only, at another resolution; only a field the top third does not show at all is
    // looked for lower down the page.
    const wantNumber = !found.number;
    const wantDate = !found.date || !(found.date.value.date !== null || found.date.value.blankDate);
    for (const [want, label] of [[wantNumber, NUMBER_LABEL], [wantDate, DATE_LABEL]] as const) {
      if (!want) continue;
      const row = rows.find((r) => label.test(foldVietnamese(r.text)));
      if (!row) continue;
      const seen = await this.lineAgain(row.box, rotation, RETRY_DPI);
      if (seen) found = mergeHeader(found, seen);
    }
    const unseen = (wantNumber && !found.number && !marks.number) || (wantDate && !found.date && !marks.date);
    if (!complete(found) && unseen) {
      const area: Region = { left: 0, top: 0, width: 1, height: found.number || found.date ? 0.5 : 1 };
      const wider = await this.render(area, SCAN_DPI, rotation);
      found = mergeHeader(found, await this.recognise(wider.image, 'auto', this.frameOf(area, wider.image, rotation)));
    }
    return { header: found, topText };
  }

  /** One text line (a box of the page as displayed, read turned by `rotation`) OCR'd alone at `dpi`. */
  async lineAgain(box: Box, rotation: Turn, dpi: number): Promise<Seen | null> {
    const sideways = rotation === 90 || rotation === 270;
    const W = sideways ? this.size.height : this.size.width;
    const H = sideways ? this.size.width : this.size.height;
    const b = boxTurned(box, rotation, this.size);
    const h = Math.max(4, b.y1 - b.y0);
    const left = Math.max(0, b.x0 - h);
    const right = Math.min(W, b.x1 + h);
    const top = Math.max(0, b.y0 - 0.4 * h);
    const bottom = Math.min(H, b.y1 + 0.5 * h);
    if (!(right > left && bottom > top)) return null;
    const region: Region = { left: left / W, top: top / H, width: (right - left) / W, height: (bottom - top) / H };
    const rendered = await this.render(region, dpi, rotation);
    if (rendered.inkPixels === 0) return null;
    return this.recognise(rendered.image, 'line', this.frameOf(region, rendered.image, rotation), Number.POSITIVE_INFINITY);
  }
}

/**
 * The number's label at the start of a word, accents folded: `Số:`, OCR's `Sô:`, `S6:`; and, with its
 * colon, OCR's `8ố:` and `86:` (the S read as 8, as parse-header.ts's OCR_NUMBER_LABEL knows it: a
 * pen-numbered scan's row `86:/7//“|BB-STP … ngày 08 tháng 9 năm 2023` is the number/date row).
 */
const LABEL = String.raw`(?:^|[\s.,'"\x60“”‘’(])(?:s[o06]\s*[:;.]|8[o6]\s*:)`;
const NUMBER_LABEL = new RegExp(LABEL, 'u');
/** The label and what follows it up to the slash. */
const LABEL_THEN_NUMERAL = new RegExp(`${LABEL}([^/]*)`, 'u');
/** The place-date line's words, accents folded (`ngày … tháng … năm`, OCR's `nqay`, `nam`). */
const DATE_LABEL = /n[gq]a[yv]\b.*th[a]ng|th[a]ng.*na[mn]\s*[0-9oil]{4}/u;
/** Words only an upright Decree 30 header prints (accents folded): the national name, the motto, the bodies' names. */
const MOTTO = [/cong hoa/u, /xa hoi chu nghia/u, /viet nam/u, /doc lap/u, /hanh phuc/u, /tu do/u, /nhan dan/u, /uy ban/u];

/**
 * What OCR of the top of a page shows of a Decree 30 header (Appendix I): the number's label,
 * the place-date line, and whether it reads as an upright header at all (two words of the
 * national name and motto, or a label and one of them). Garbage OCR of an upside-down or
 * sideways page shows none of these.
 */
export function headerLandmarks(text: string): { number: boolean; date: boolean; upright: boolean } {
  const folded = foldVietnamese(text);
  const number = NUMBER_LABEL.test(folded);
  const date = DATE_LABEL.test(folded);
  const motto = MOTTO.filter((m) => m.test(folded)).length;
  return { number, date, upright: motto >= 2 || (motto >= 1 && (number || date)) || (number && date) };
}

/**
 * `first` with each field that `second`, a read of the same row at another resolution, reads
 * otherwise marked `disagree` (with what `second` gave): a pen-written `665` read `65` at one
 * resolution and `665` at the other is neither, whatever either read's own confidence.
 */
export function doubted(first: Header, second: Header): Header {
  const number = first.number;
  const numeral = number?.value.numeral;
  const otherNumeral = second.number?.value.numeral;
  const date = first.date;
  const mine = date?.dmy;
  const theirs = second.date?.dmy;
  return {
    number: number && !number.checked && numeral && otherNumeral && numeral !== otherNumeral ? { ...number, checked: 'disagree', other: { numeral: otherNumeral } } : number,
    date: date && !date.checked && mine && theirs && (mine.day !== theirs.day || mine.month !== theirs.month || mine.year !== theirs.year)
      ? { ...date, checked: 'disagree', other: { day: theirs.day, month: theirs.month, year: theirs.year } }
      : date,
  };
}

/** A signing box's labels (accents folded): `Ký bởi`, `Cơ quan`, `Thời gian ký`, `Email`. */
const SIGNING_LABEL = /\b(?:ky boi|co quan|thoi gian ky|email)\b/u;

/**
 * OCR of a row shows a row above the number/date row of a Decree 30 header: the national name or
 * motto, an issuing body's name, or a signing box's lines; and neither the number's label nor the
 * place-date line.
 */
export function aboveNumberRow(text: string): boolean {
  const folded = foldVietnamese(text);
  if (NUMBER_LABEL.test(folded) || DATE_LABEL.test(folded)) return false;
  return MOTTO.some((m) => m.test(folded)) || SIGNING_LABEL.test(folded);
}

/**
 * OCR of a number line read a digit between the number's label and the first slash after it
 * (`Số: 120/5NV-…`, `Số:1794/`); not so for a pen's numeral read as strokes (`Số: “Zt/BC-UBND`).
 * False when the line shows no label.
 */
export function digitsAfterLabel(text: string): boolean {
  const m = LABEL_THEN_NUMERAL.exec(foldVietnamese(text));
  return m !== null && /\d/u.test(m[1] ?? '');
}

/** The first numeral before a slash in an OCR'd number line whose label was lost (`: 32. /2020/TT`). */
function looseNumeral(text: string): string | null {
  const m = /(?<![\d/])(\d{1,5}[a-z]?)[\s.,_]*\//u.exec(text);
  return m?.[1] ?? null;
}

/** The share of the pixels in `box` darker than the paper around them (Otsu over the box, at most 200). */
export function inkShare(image: GreyImage, box: Box): number {
  const x0 = Math.max(0, Math.floor(box.x0));
  const x1 = Math.min(image.width, Math.ceil(box.x1));
  const y0 = Math.max(0, Math.floor(box.y0));
  const y1 = Math.min(image.height, Math.ceil(box.y1));
  if (x1 <= x0 || y1 <= y0) return 0;
  let dark = 0;
  for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) if ((image.data[y * image.width + x] ?? 255) < 140) dark += 1;
  return Math.round((dark / ((x1 - x0) * (y1 - y0))) * 1000) / 1000;
}

/** Ink darker than this (0–255, darkest channel) counts for the colour of a word. */
const INK = 150;
/** A pixel at least this coloured (largest minus smallest channel) is pen or stamp ink, not black print. */
const COLOURED = 70;

/**
 * The share (0–1) of the ink pixels in `box` (pixels of `image`) that are coloured: 0 for black
 * print, near 1 for a number written in blue pen or stamped in violet. 0 when the box has little ink.
 */
export function inkColour(image: GreyImage, box: Box): number {
  const chroma = image.chroma;
  if (!chroma) return 0;
  const x0 = Math.max(0, Math.floor(box.x0));
  const x1 = Math.min(image.width, Math.ceil(box.x1));
  const y0 = Math.max(0, Math.floor(box.y0));
  const y1 = Math.min(image.height, Math.ceil(box.y1));
  let ink = 0;
  let coloured = 0;
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) {
      const k = y * image.width + x;
      if ((image.data[k] ?? 255) > INK) continue;
      ink += 1;
      if ((chroma[k] ?? 0) >= COLOURED) coloured += 1;
    }
  }
  return ink < 12 ? 0 : Math.round((coloured / ink) * 100) / 100;
}

function hasInk(picture: GreyPixels): boolean {
  for (let i = 0; i < picture.data.length; i += 1) if ((picture.data[i] ?? 255) < 160) return true;
  return false;
}

/** A stamped picture resampled to `dpi` (area average down, nearest up), with a white margin for OCR. */
function ocrReady(picture: GreyPixels, pointsPerPixel: number, dpi: number): { grey: GreyImage; pad: number } {
  const factor = dpi / (72 / pointsPerPixel);
  const width = Math.max(1, Math.round(picture.width * factor));
  const height = Math.max(1, Math.round(picture.height * factor));
  const pad = Math.round(height * 0.25);
  const stride = width + 2 * pad;
  const out = new Uint8Array(stride * (height + 2 * pad)).fill(255);
  const step = 1 / factor;
  for (let y = 0; y < height; y += 1) {
    const sy0 = Math.min(picture.height - 1, Math.floor(y * step));
    const sy1 = Math.min(picture.height, Math.max(sy0 + 1, Math.floor((y + 1) * step)));
    for (let x = 0; x < width; x += 1) {
      const sx0 = Math.min(picture.width - 1, Math.floor(x * step));
      const sx1 = Math.min(picture.width, Math.max(sx0 + 1, Math.floor((x + 1) * step)));
      let sum = 0;
      for (let sy = sy0; sy < sy1; sy += 1) for (let sx = sx0; sx < sx1; sx += 1) sum += picture.data[sy * picture.width + sx] ?? 255;
      out[(y + pad) * stride + x + pad] = Math.round(sum / ((sy1 - sy0) * (sx1 - sx0)));
    }
  }
  return { grey: { width: stride, height: height + 2 * pad, data: out, scale: dpi / 72 }, pad };
}
