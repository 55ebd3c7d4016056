// Rasterise PDF pages with pdf.js and @napi-rs/canvas, for generators that turn documents into scans.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Canvas, createCanvas } from '@napi-rs/canvas';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);
const PDFJS_DIR = path.dirname(require.resolve('pdfjs-dist/package.json'));

/** Render every page of `pdf` at `dpi` onto white canvases. */
export async function rasterisePages(pdf: Uint8Array, dpi: number): Promise<Canvas[]> {
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(pdf),
    verbosity: 0,
    standardFontDataUrl: `${pathToFileURL(path.join(PDFJS_DIR, 'standard_fonts')).href}/`,
  }).promise;
  try {
    const pages: Canvas[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: dpi / 72 });
      const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvasContext: ctx as never, canvas: canvas as never, viewport }).promise;
      pages.push(canvas);
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
