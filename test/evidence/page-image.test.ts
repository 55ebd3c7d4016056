// Telling from a PDF's bytes alone that it holds no image XObject, so a text-layer PDF is not
// parsed in search of a scan under its text.
import { describe, expect, it } from 'vitest';
import { mayHaveImageXObject } from '../../pipeline/evidence/page-image.js';
import { renderDocument } from '../../scripts/lib/decree30-pdf.js';
import { renderScannedDocument } from '../../scripts/lib/scan-pdf.js';
import { planSpec } from './fixtures.js';

describe('mayHaveImageXObject', () => {
  it('a Word export without pictures holds none; a scan does', async () => {
    expect(mayHaveImageXObject(await renderDocument(planSpec()))).toBe(false);
    expect(mayHaveImageXObject(await renderScannedDocument(planSpec(), { seed: 1, dpi: 150, maxPages: 1 }))).toBe(true);
  });

  it('reads the name only where it ends: `/ImageB` of a ProcSet is not an image', () => {
    expect(mayHaveImageXObject(Buffer.from('<< /ProcSet [/PDF /Text /ImageB /ImageC] >>', 'latin1'))).toBe(false);
    expect(mayHaveImageXObject(Buffer.from('<</Type/XObject/Subtype/Image/Width 10>>', 'latin1'))).toBe(true);
  });

  it('a subtype written with `#` escapes (`/Im#61ge`) may be an image', () => {
    expect(mayHaveImageXObject(Buffer.from('<< /Subtype /Im#61ge /Width 10 >>', 'latin1'))).toBe(true);
  });
});
