// Decoding only the top of a scanned page's JPEG: the rows given are the whole image's rows.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { jpegFrame, jpegTopRows } from '../../pipeline/evidence/jpeg-rows.js';

function page(width: number, height: number): Buffer {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#203080';
  ctx.font = '28px sans-serif';
  for (let y = 30; y < height; y += 40) ctx.fillText(`Số: ${y}/KH-SXD   ngày 05 tháng 02 năm 2024`, 10, y);
  return canvas.toBuffer('image/jpeg', 60);
}

async function pixels(jpeg: Buffer, rows: number): Promise<Uint8ClampedArray> {
  const image = await loadImage(jpeg);
  const canvas = createCanvas(image.width, rows);
  canvas.getContext('2d').drawImage(image, 0, 0);
  return canvas.getContext('2d').getImageData(0, 0, image.width, rows).data;
}

describe('jpegTopRows', () => {
  it('a baseline JPEG cut for its first 70 rows decodes to a block row or two more, the 70 exactly as in the whole', async () => {
    const jpeg = page(400, 300);
    expect(jpegFrame(jpeg)).toMatchObject({ marker: 0xc0, width: 400, height: 300 });
    const top = jpegTopRows(jpeg, 70);
    expect(top).not.toBeNull();
    const image = await loadImage(top as Buffer);
    expect(image.width).toBe(400);
    expect(image.height).toBeGreaterThanOrEqual(70);
    expect(image.height).toBeLessThan(300);
    expect(Buffer.from(await pixels(top as Buffer, 70)).equals(Buffer.from(await pixels(jpeg, 70)))).toBe(true);
    // The original is left as it was.
    expect(jpegFrame(jpeg)?.height).toBe(300);
  });

  it('nothing to gain when the rows asked for are the whole image', () => {
    const jpeg = page(200, 100);
    expect(jpegTopRows(jpeg, 90)).toBeNull();
    expect(jpegTopRows(jpeg, 250)).toBeNull();
  });

  it('a progressive JPEG, or bytes that are not a JPEG, are decoded whole (null)', () => {
    // SOI, then a progressive frame header (SOF2) of 300 × 400.
    const progressive = Buffer.from([0xff, 0xd8, 0xff, 0xc2, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x01, 0x90, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
    expect(jpegFrame(progressive)).toMatchObject({ marker: 0xc2, width: 400, height: 300 });
    expect(jpegTopRows(progressive, 50)).toBeNull();
    expect(jpegTopRows(Buffer.from('%PDF-1.7 not a jpeg'), 50)).toBeNull();
  });
});
