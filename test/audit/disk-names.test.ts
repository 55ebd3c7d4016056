// A file stored with a decomposed (NFD) name, as macOS and some ZIP tools write it: the page shows
// its name NFC, as everywhere, and its "Mở PDF" link follows the name as it is on disk, or the
// browser finds no file (ext4 keeps the bytes given; the test never leans on a normalising disk).
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAudit } from '../../pipeline/audit/render-audit.js';
import { context } from '../documents/fixture.js';
import { tempDir } from '../helpers/temp.js';

describe('audit page: a file whose name is decomposed (NFD) on disk', () => {
  it('is shown by its NFC name and linked by its on-disk path, which resolves to the file', async () => {
    const batchDir = await tempDir();
    const nfc = 'units/STP/evidence/1.1.1/Kế hoạch 32-KH-STP.pdf';
    const nfd = nfc.normalize('NFD');
    await mkdir(path.join(batchDir, path.dirname(nfd)), { recursive: true });
    await writeFile(path.join(batchDir, nfd), '%PDF-1.4');
    expect(existsSync(path.join(batchDir, nfc))).toBe(false);

    const { result } = context();
    const units = result.units.map((u) => (u.code !== 'STP' ? u : {
      ...u, evidence: u.evidence.map((e) => (e.file === nfc ? { ...e, diskPath: nfd } : e)),
    }));
    const pagesDir = path.join(batchDir, 'out', 'audit', 'don-vi');
    const html = renderAudit({ ...result, units }, {
      pdf: (rel) => path.relative(pagesDir, path.join(batchDir, rel)).split(path.sep).join('/'),
      crop: () => null,
    }).find((p) => p.path.endsWith('STP.html'))!.html;

    const hrefs = [...html.matchAll(/<a class="pdf" href="([^"]+)"/gu)].map((m) => decodeURIComponent(m[1]!));
    expect(hrefs).toHaveLength(2);
    const mine = hrefs.find((h) => h.normalize('NFC').endsWith('Kế hoạch 32-KH-STP.pdf'))!;
    expect(mine.endsWith(path.posix.basename(nfd))).toBe(true);
    expect(existsSync(path.resolve(pagesDir, mine))).toBe(true);
    expect(html).toContain('<h4>Kế hoạch 32-KH-STP.pdf <a class="pdf"');
    expect(html).toContain(`data-file="${nfc}"`);
  });
});
