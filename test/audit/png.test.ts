// The crops' PNG encoder: what a browser (here the canvas library) decodes is what was encoded.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { encodeIndexedPng, GREYS, greyIndex } from '../../pipeline/audit/png.js';

describe('encodeIndexedPng', () => {
  it('keeps black, white, a mid grey and the outline colours', async () => {
    const pixels = Uint8Array.from([greyIndex(0), greyIndex(255), greyIndex(128), GREYS, GREYS + 1, greyIndex(255)]);
    const png = encodeIndexedPng(3, 2, pixels, ['#d4002a', '#005fd4']);
    const image = await loadImage(Buffer.from(png));
    expect([image.width, image.height]).toEqual([3, 2]);
    const canvas = createCanvas(3, 2);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const d = ctx.getImageData(0, 0, 3, 2).data;
    const px = (i: number) => [d[4 * i], d[4 * i + 1], d[4 * i + 2]];
    expect(px(0)).toEqual([0, 0, 0]);
    expect(px(1)).toEqual([255, 255, 255]);
    expect(Math.abs(px(2)[0]! - 128)).toBeLessThanOrEqual(1);
    expect(px(3)).toEqual([0xd4, 0x00, 0x2a]);
    expect(px(4)).toEqual([0x00, 0x5f, 0xd4]);
  });
});
