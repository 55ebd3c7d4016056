// Reader processes start without the system fonts (DISABLE_SYSTEM_FONTS_LOAD, reader-pool.ts): what
// they render must not need them. pdf.js runs with `disableFontFace`, so it paints glyphs as paths
// from the PDF's font programs, or, for a standard font the PDF does not embed, from its own
// standard font data. Rendered in fresh processes, with and without the system fonts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-fonts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Ink pixels and a digest of the top of page 1 rendered at 150 dpi in a fresh Node process. */
function renderIn(file: string, withSystemFonts: boolean): { ink: number; digest: string } {
  const pdfPage = pathToFileURL(path.resolve('dist/pipeline/evidence/pdf-page.js')).href;
  const script = `
    const { createHash } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    const { openPdf, renderRegion } = await import(${JSON.stringify(pdfPage)});
    const doc = await openPdf(new Uint8Array(readFileSync(${JSON.stringify(file)})));
    const r = await renderRegion(await doc.getPage(1), { left: 0, top: 0, width: 1, height: 0.2 }, 150, 0);
    await doc.destroy();
    console.log(JSON.stringify({ ink: r.inkPixels, digest: createHash('sha256').update(r.image.data).digest('hex') }));`;
  const env = { ...process.env };
  if (withSystemFonts) delete env.DISABLE_SYSTEM_FONTS_LOAD;
  else env.DISABLE_SYSTEM_FONTS_LOAD = '1';
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env })) as { ink: number; digest: string };
}

describe('rendering in a reader process', () => {
  it('draws the text of standard fonts the PDF does not embed (Times, Courier) the same without the system fonts', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.28, 841.89]);
    page.drawText('So: 123/QD-UBND        ngay 12 thang 3 nam 2024', { x: 50, y: 780, size: 13, font: await doc.embedFont(StandardFonts.TimesRoman) });
    page.drawText('4567', { x: 50, y: 750, size: 13, font: await doc.embedFont(StandardFonts.Courier) });
    const file = path.join(dir, 'standard-fonts.pdf');
    writeFileSync(file, await doc.save());
    const without = renderIn(file, false);
    expect(without.ink).toBeGreaterThan(500);
    expect(without).toEqual(renderIn(file, true));
  }, 60_000);
});
