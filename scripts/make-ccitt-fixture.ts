// Makes test/evidence/fixtures/scan-ccitt-g4.pdf: a black-and-white scan stored as a CCITT Group 4
// image, as office scanners in black-and-white mode write it. There is no G4 encoder in the
// project's dependencies, so this one-off uses ImageMagick (`convert`) and the result is committed;
// run it again only to change the fixture:  npx tsx scripts/make-ccitt-fixture.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { planSpec } from '../test/evidence/fixtures.js';
import { renderDocument } from './lib/decree30-pdf.js';
import { rasterisePages } from './lib/raster.js';

const OUT = path.join(import.meta.dirname, '..', 'test', 'evidence', 'fixtures', 'scan-ccitt-g4.pdf');
const DPI = 200;

const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-ccitt-'));
const pdf = await renderDocument(planSpec({ numeral: '218', symbol: 'KH-SXD', date: { day: 9, month: 11, year: 2023 } }));
const [page] = await rasterisePages(pdf, DPI);
if (!page) throw new Error('no page');
writeFileSync(path.join(dir, 'page.png'), await page.encode('png'));
// Thresholded to 1 bit, turned 1.2° as on the glass, one strip of Group 4 data.
execFileSync('convert', [path.join(dir, 'page.png'), '-colorspace', 'Gray', '-threshold', '60%', '-background', 'white', '-rotate', '1.2',
  '-gravity', 'center', '-extent', `${page.width}x${page.height}`, '-compress', 'Group4', '-define', 'tiff:rows-per-strip=100000', path.join(dir, 'page.tif')]);

const tiff = readFileSync(path.join(dir, 'page.tif'));
const le = tiff.toString('latin1', 0, 2) === 'II';
const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
const ifd = u32(4);
const tags = new Map<number, number>();
for (let k = 0; k < u16(ifd); k += 1) {
  const entry = ifd + 2 + 12 * k;
  tags.set(u16(entry), u16(entry + 2) === 3 ? u16(entry + 8) : u32(entry + 8));
}
const width = tags.get(256) ?? 0;
const height = tags.get(257) ?? 0;
if (tags.get(259) !== 4) throw new Error('not Group 4');
const data = tiff.subarray(tags.get(273) ?? 0, (tags.get(273) ?? 0) + (tags.get(279) ?? 0));

const out = await PDFDocument.create({ updateMetadata: false });
const image = out.context.register(out.context.stream(data, {
  Type: 'XObject', Subtype: 'Image', Width: width, Height: height, ColorSpace: 'DeviceGray', BitsPerComponent: 1,
  Filter: 'CCITTFaxDecode', DecodeParms: { K: -1, Columns: width, Rows: height },
}));
const sheet = out.addPage([595.28, 841.89]);
sheet.node.set(PDFName.of('Resources'), out.context.obj({ XObject: { Im0: image } }));
sheet.node.set(PDFName.of('Contents'), out.context.register(out.context.stream('q 595.28 0 0 841.89 0 0 cm /Im0 Do Q')));
writeFileSync(OUT, await out.save());
process.stdout.write(`${OUT}: ${width}×${height} G4, ${readFileSync(OUT).length} bytes\n`);
