// PNG row filters (RFC 2083 §6) as PDF's Flate /Predictor ≥ 10 uses them (ISO 32000-1 §7.4.4.4):
// for image XObjects and for cross-reference streams. No dependencies, so the signature check
// can use it without loading the renderer.

/** Undo PNG row filters (Predictor ≥ 10): each row starts with its filter type. `bpp` bytes per pixel.
 * Returns `rowBytes × height` bytes, or null when the data is short or a row's filter type is unknown. */
export function unpredictPng(data: Uint8Array, rowBytes: number, height: number, bpp: number): Uint8Array | null {
  const out = new Uint8Array(rowBytes * height);
  const stride = rowBytes + 1;
  if (data.length < stride * height) return null;
  for (let y = 0; y < height; y += 1) {
    const type = data[y * stride] ?? 0;
    const src = y * stride + 1;
    const dst = y * rowBytes;
    for (let x = 0; x < rowBytes; x += 1) {
      const raw = data[src + x] ?? 0;
      const left = x >= bpp ? (out[dst + x - bpp] ?? 0) : 0;
      const up = y > 0 ? (out[dst - rowBytes + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= bpp ? (out[dst - rowBytes + x - bpp] ?? 0) : 0;
      let value = raw;
      if (type === 1) value = raw + left;
      else if (type === 2) value = raw + up;
      else if (type === 3) value = raw + ((left + up) >> 1);
      else if (type === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      } else if (type !== 0) return null;
      out[dst + x] = value & 0xff;
    }
  }
  return out;
}
