// Decode only the top of a scanned page: a sequential JPEG is coded top to bottom, so a copy whose
// frame header (SOF) declares fewer rows makes the decoder stop there. Rows near that cut may
// differ (colour is smoothed across block rows, and the decoder treats the cut as the bottom
// edge), so the cut is made a block row lower than asked: the rows asked for are the same pixels
// as the whole image's. The header of page 1 is in its top fifth: a fifth of the work.

/** The tallest block row (MCU) a JPEG can have: 8 pixels × vertical sampling up to 4. */
const MAX_BLOCK_ROW = 32;

/** Frame markers of sequential Huffman JPEGs (baseline, extended): coded top to bottom in one pass. */
const SEQUENTIAL = new Set([0xc0, 0xc1]);
/** Other frame markers (progressive, lossless, arithmetic, hierarchical): decoded whole. */
const OTHER_FRAMES = new Set([0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Where the frame header is and the size it declares; null when the bytes do not lead to one. */
export function jpegFrame(jpeg: Uint8Array): { at: number; marker: number; width: number; height: number } | null {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < jpeg.length) {
    if (jpeg[i] !== 0xff) return null;
    const marker = jpeg[i + 1] ?? 0;
    // Fill bytes, and markers without a length.
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null;
    const length = ((jpeg[i + 2] ?? 0) << 8) | (jpeg[i + 3] ?? 0);
    if (SEQUENTIAL.has(marker) || OTHER_FRAMES.has(marker)) {
      const height = ((jpeg[i + 5] ?? 0) << 8) | (jpeg[i + 6] ?? 0);
      const width = ((jpeg[i + 7] ?? 0) << 8) | (jpeg[i + 8] ?? 0);
      return { at: i, marker, width, height };
    }
    if (length < 2) return null;
    i += 2 + length;
  }
  return null;
}

/**
 * A copy of a sequential JPEG that decodes to its top only, its first `rows` rows exactly as the
 * whole image decodes them; null when that is not possible or saves nothing (progressive or other
 * coding, a height given later by a DNL marker, `rows` near the image's height), so the caller
 * decodes the whole image.
 */
export function jpegTopRows(jpeg: Uint8Array, rows: number): Buffer | null {
  const frame = jpegFrame(jpeg);
  if (!frame || !SEQUENTIAL.has(frame.marker) || frame.height === 0 || !(rows >= 1)) return null;
  const wanted = Math.ceil(rows / MAX_BLOCK_ROW) * MAX_BLOCK_ROW + MAX_BLOCK_ROW;
  if (wanted >= frame.height) return null;
  const copy = Buffer.from(jpeg);
  copy.writeUInt16BE(wanted, frame.at + 5);
  return copy;
}
