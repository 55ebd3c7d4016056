// Pictures stamped at signing, decoded from their image XObjects to grey over white for OCR.
import { deflateSync } from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, PDFName, PDFRawStream, type PDFRef } from '../../pipeline/evidence/pdf-lib.js';
import { describe, expect, it } from 'vitest';
import { decodeImageXObject } from '../../pipeline/evidence/image-xobject.js';

/** A blue `125` on a transparent background, as signing software stamps the number. */
function stampPng(): Buffer {
  const canvas = createCanvas(120, 48);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'rgb(25, 50, 190)';
  ctx.fillRect(40, 8, 40, 32);
  return canvas.toBuffer('image/png');
}

async function imageStream(build: (pdf: PDFDocument) => Promise<PDFRef> | PDFRef): Promise<PDFRawStream> {
  const pdf = await PDFDocument.create();
  const stream = pdf.context.lookup(await build(pdf));
  if (!(stream instanceof PDFRawStream)) throw new Error('not a stream');
  return stream;
}

describe('decodeImageXObject', () => {
  it('an RGB picture with a soft mask (PNG with transparency): ink dark, transparent parts white paper', async () => {
    const stream = await imageStream(async (pdf) => {
      const image = await pdf.embedPng(stampPng());
      await image.embed();
      return image.ref;
    });
    expect(stream.dict.has(PDFName.of('SMask'))).toBe(true);
    const grey = await decodeImageXObject(stream);
    expect(grey).toMatchObject({ width: 120, height: 48 });
    const at = (x: number, y: number) => grey?.data[y * 120 + x];
    expect(at(2, 2)).toBe(255);
    expect(at(60, 24)).toBeLessThan(60);
  });

  it('a JPEG picture', async () => {
    const canvas = createCanvas(64, 32);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, 64, 32);
    ctx.fillStyle = '#b01010';
    ctx.fillRect(16, 8, 32, 16);
    const stream = await imageStream(async (pdf) => {
      const image = await pdf.embedJpg(canvas.toBuffer('image/jpeg', 90));
      await image.embed();
      return image.ref;
    });
    const grey = await decodeImageXObject(stream);
    expect(grey?.data[0]).toBeGreaterThan(240);
    expect(grey?.data[16 * 64 + 32]).toBeLessThan(60);
  });

  it('a 1-bit stencil mask: painted where the bit is 0, or 1 under /Decode [1 0]', async () => {
    // 8 × 2: the first row paints its left half.
    const bits = deflateSync(Buffer.from([0b00001111, 0b11111111]));
    const plain = await imageStream((pdf) => pdf.context.register(PDFRawStream.of(pdf.context.obj({
      Type: 'XObject', Subtype: 'Image', Width: 8, Height: 2, ImageMask: true, BitsPerComponent: 1, Filter: 'FlateDecode',
    }), bits)));
    expect([...((await decodeImageXObject(plain))?.data ?? [])]).toEqual([0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255]);
    const inverted = await imageStream((pdf) => pdf.context.register(PDFRawStream.of(pdf.context.obj({
      Type: 'XObject', Subtype: 'Image', Width: 8, Height: 2, ImageMask: true, BitsPerComponent: 1, Filter: 'FlateDecode', Decode: [1, 0],
    }), bits)));
    expect([...((await decodeImageXObject(inverted))?.data ?? []).slice(0, 8)]).toEqual([255, 255, 255, 255, 0, 0, 0, 0]);
  });

  it('what it does not handle is null, left to rendering: an indexed palette, a colour key mask', async () => {
    const indexed = await imageStream((pdf) => pdf.context.register(PDFRawStream.of(pdf.context.obj({
      Type: 'XObject', Subtype: 'Image', Width: 2, Height: 1, BitsPerComponent: 8, ColorSpace: ['Indexed', 'DeviceRGB', 1, pdf.context.obj([])],
    }), new Uint8Array([0, 1]))));
    expect(await decodeImageXObject(indexed)).toBeNull();
    const keyed = await imageStream((pdf) => pdf.context.register(PDFRawStream.of(pdf.context.obj({
      Type: 'XObject', Subtype: 'Image', Width: 2, Height: 1, BitsPerComponent: 8, ColorSpace: 'DeviceGray', Mask: [0, 10],
    }), new Uint8Array([0, 255]))));
    expect(await decodeImageXObject(keyed)).toBeNull();
  });
});
