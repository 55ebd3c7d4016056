// A PDF image XObject decoded to grey pixels over white, without rendering the page: for a
// number or a day stamped at signing as a picture, which OCR can then read on its own. Handles
// what signing software writes (Flate RGB or grey, 8 bits, PNG predictors, a soft mask for
// transparency, JPEG, a 1-bit stencil mask); anything else is null and the page is rendered.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { decodePDFRawStream, numberIn, PDFArray, PDFBool, PDFDict, PDFName, PDFNumber, PDFRawStream } from './pdf-lib.js';
import { greyFromRgba } from './pdf-page.js';
import { unpredictPng } from './png-predictor.js';

export interface GreyPixels {
  width: number;
  height: number;
  /** One byte per pixel, 0 black – 255 white; coloured ink counts as dark (darkest channel). */
  data: Uint8Array;
}

/** Larger pictures are not stamps: left to rendering. */
const MAX_PIXELS = 4_000_000;


/** Components of a colour space we can read directly: grey 1, RGB 3 (ICC-based by its /N). */
function components(space: unknown): 1 | 3 | null {
  if (space === PDFName.of('DeviceGray')) return 1;
  if (space === PDFName.of('DeviceRGB')) return 3;
  if (space instanceof PDFArray && space.size() === 2 && space.lookup(0) === PDFName.of('ICCBased')) {
    const profile = space.lookup(1);
    const n = profile instanceof PDFRawStream ? numberIn(profile.dict, 'N') : Number.NaN;
    return n === 1 ? 1 : n === 3 ? 3 : null;
  }
  return null;
}

function onlyFilter(dict: PDFDict): PDFName | null | undefined {
  const filter = dict.lookup(PDFName.of('Filter'));
  if (filter === undefined) return null;
  if (filter instanceof PDFName) return filter;
  if (filter instanceof PDFArray && filter.size() === 1) {
    const only = filter.lookup(0);
    return only instanceof PDFName ? only : undefined;
  }
  return undefined;
}

/** Samples of a Flate (or unfiltered) image, one byte per component, predictors undone; null otherwise. */
function flateSamples(stream: PDFRawStream, width: number, height: number, perPixel: number, bits: number): Uint8Array | null {
  const filter = onlyFilter(stream.dict);
  if (filter !== null && filter !== PDFName.of('FlateDecode')) return null;
  const raw = filter === null ? stream.contents : decodePDFRawStream(stream).decode();
  const rowBytes = Math.ceil((width * perPixel * bits) / 8);
  const parms = stream.dict.lookup(PDFName.of('DecodeParms'));
  const predictor = parms instanceof PDFDict ? numberIn(parms, 'Predictor') || 1 : 1;
  if (predictor !== 1 && predictor < 10) return null;
  const rows = predictor >= 10 ? unpredictPng(raw, rowBytes, height, Math.max(1, (perPixel * bits) >> 3)) : raw;
  if (!rows || rows.length < rowBytes * height) return null;
  return rows;
}

/** The image's /Decode array: none or the identity ([0 1] per component) is `plain`, [1 0] `inverted`. */
function decodeArray(dict: PDFDict): 'plain' | 'inverted' | null {
  const decode = dict.lookup(PDFName.of('Decode'));
  if (decode === undefined) return 'plain';
  if (!(decode instanceof PDFArray) || decode.size() % 2 !== 0) return null;
  const values = decode.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : Number.NaN));
  const pairs = Array.from({ length: values.length / 2 }, (_, k) => `${values[2 * k]} ${values[2 * k + 1]}`);
  if (pairs.every((p) => p === '0 1')) return 'plain';
  if (pairs.every((p) => p === '1 0')) return 'inverted';
  return null;
}

/** Alpha 0–255 per pixel from a soft mask of the same size; null when it cannot be read. */
function softMask(mask: PDFRawStream, width: number, height: number): Uint8Array | null {
  if (numberIn(mask.dict, 'Width') !== width || numberIn(mask.dict, 'Height') !== height) return null;
  if (numberIn(mask.dict, 'BitsPerComponent') !== 8 || decodeArray(mask.dict) !== 'plain' || mask.dict.has(PDFName.of('Matte'))) return null;
  return flateSamples(mask, width, height, 1, 8);
}

/** Decode an image XObject to grey over white; null for what is not handled here. */
export async function decodeImageXObject(stream: PDFRawStream): Promise<GreyPixels | null> {
  const dict = stream.dict;
  if (dict.lookup(PDFName.of('Subtype')) !== PDFName.of('Image')) return null;
  const width = numberIn(dict, 'Width');
  const height = numberIn(dict, 'Height');
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0) || width * height > MAX_PIXELS) return null;
  const decode = decodeArray(dict);
  if (decode === null || dict.has(PDFName.of('Mask'))) return null;
  const pixels = width * height;

  // A stencil mask: 1 bit per pixel, painted in the current colour (taken as ink) where the bit is 0 ([1 0]: where it is 1).
  const stencil = dict.lookup(PDFName.of('ImageMask'));
  if (stencil instanceof PDFBool && stencil.asBoolean()) {
    const rows = flateSamples(stream, width, height, 1, 1);
    if (!rows) return null;
    const rowBytes = Math.ceil(width / 8);
    const paint = decode === 'plain' ? 0 : 1;
    const data = new Uint8Array(pixels);
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) data[y * width + x] = (((rows[y * rowBytes + (x >> 3)] ?? 255) >> (7 - (x & 7))) & 1) === paint ? 0 : 255;
    }
    return { width, height, data };
  }
  if (decode !== 'plain') return null;

  const perPixel = components(dict.lookup(PDFName.of('ColorSpace')));
  if (perPixel === null || numberIn(dict, 'BitsPerComponent') !== 8) return null;
  const maskRef = dict.lookup(PDFName.of('SMask'));
  const alpha = maskRef === undefined ? null : maskRef instanceof PDFRawStream ? softMask(maskRef, width, height) : null;
  if (maskRef !== undefined && alpha === null) return null;

  let rgba: Uint8Array | Uint8ClampedArray;
  const filter = onlyFilter(dict);
  if (filter === PDFName.of('DCTDecode')) {
    const image = await loadImage(Buffer.from(stream.contents));
    if (image.width !== width || image.height !== height) return null;
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    rgba = ctx.getImageData(0, 0, width, height).data;
  } else {
    const samples = flateSamples(stream, width, height, perPixel, 8);
    if (!samples) return null;
    rgba = new Uint8Array(pixels * 4);
    for (let i = 0; i < pixels; i += 1) {
      const at = i * perPixel;
      rgba[i * 4] = samples[at] ?? 255;
      rgba[i * 4 + 1] = samples[perPixel === 3 ? at + 1 : at] ?? 255;
      rgba[i * 4 + 2] = samples[perPixel === 3 ? at + 2 : at] ?? 255;
    }
  }
  if (alpha) {
    // Over white paper: what is transparent is paper.
    for (let i = 0; i < pixels; i += 1) {
      const a = alpha[i] ?? 255;
      for (let c = 0; c < 3; c += 1) rgba[i * 4 + c] = Math.round(((rgba[i * 4 + c] ?? 255) * a + 255 * (255 - a)) / 255);
    }
  }
  return { width, height, data: greyFromRgba(rgba, pixels).data };
}
