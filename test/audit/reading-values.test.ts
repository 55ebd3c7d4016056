// The audit page's reading of a file: a value read with low confidence is the reader's guess, and the
// page says so beside it (a clerk confirming it knows what is confirmed), never shows it as known.
import { describe, expect, it } from 'vitest';
import { renderAudit } from '../../pipeline/audit/render-audit.js';
import type { Extraction } from '../../pipeline/model.js';
import { context } from '../documents/fixture.js';

const region = { x0: 100, y0: 90, x1: 220, y1: 104 };

function unitPage(change: (e: Extraction) => Extraction): string {
  const { result } = context();
  const units = result.units.map((u) => (u.code !== 'SXD' ? u : { ...u, evidence: u.evidence.map((e) => (e.file.endsWith('ke-hoach-cchc-2021.pdf') ? change(e) : e)) }));
  const pages = renderAudit({ ...result, units }, { pdf: (rel) => rel, crop: () => null });
  const html = pages.find((p) => p.path.endsWith('SXD.html'))!.html;
  return html.slice(html.indexOf('ke-hoach-cchc-2021.pdf'));
}

describe('audit page: what was read, and how sure', () => {
  it('a pen numeral guessed at 60 % is shown with "chưa chắc (60 %)" and the guess in its part', () => {
    const html = unitPage((e) => ({
      ...e, number: '899/UBND-TTHC', numeral: '899', numberConfidence: 0.6, confidence: 0.6, source: 'ocr',
      parts: {
        numeral: { status: 'handwritten', value: null, guess: '899', confidence: 0.6, source: 'ocr', page: 1, region },
        symbol: { status: 'read', value: 'UBND-TTHC', confidence: 0.94, source: 'ocr', page: 1, region },
        day: { status: 'read', value: 20, confidence: 0.9, source: 'ocr', page: 1, region },
        month: { status: 'read', value: 1, confidence: 0.9, source: 'ocr', page: 1, region },
        year: { status: 'read', value: 2021, confidence: 0.9, source: 'ocr', page: 1, region },
      },
    }));
    expect(html).toMatch(/<strong class="value-number">899\/UBND-TTHC<\/strong> <span class="tag warn unsure">chưa chắc \(60\s?%\), đối chiếu với ảnh<\/span>/u);
    expect(html).toContain('<em>viết tay, chưa đọc chắc</em> <span class="sub">(máy đoán: 899)</span>');
    // The date, read at 0.97 in the fixture, is not marked.
    expect(html.slice(html.indexOf('value-date'), html.indexOf('</p>', html.indexOf('value-date')))).not.toContain('chưa chắc');
  });

  it('a number read with confidence carries no mark', () => {
    expect(unitPage((e) => e)).not.toContain('class="tag warn unsure"');
  });
});

/** SXD's audit page with one more file: a copy of its first evidence file under `name` (`over` on it). */
function pageWithCopy(name: string, over: Partial<Extraction> = {}): string {
  const { result } = context();
  const units = result.units.map((u) => {
    if (u.code !== 'SXD') return u;
    const first = u.evidence[0]!;
    return { ...u, evidence: [...u.evidence, { ...first, ...over, file: first.file.replace(/[^/]+$/u, name) }] };
  });
  return renderAudit({ ...result, units }, { pdf: (rel) => rel, crop: () => null }).find((p) => p.path.endsWith('SXD.html'))!.html;
}

describe('audit page: the same content filed twice', () => {
  it('gives each file\'s correction form its own ids: no id stands twice on the page', () => {
    const html = pageWithCopy('ban-sao.pdf');
    const ids = [...html.matchAll(/ id="([^"]+)"/gu)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});

describe('audit page: the link to the file', () => {
  it('says "Mở PDF" for a PDF and "Mở tệp" for a photo filed as evidence', () => {
    const html = pageWithCopy('anh-chup.jpg', { sha256: 'f'.repeat(64) });
    expect(html).toMatch(/href="[^"]*anh-chup\.jpg"[^>]*>Mở tệp<\/a>/u);
    expect(html).toMatch(/href="[^"]*\.pdf"[^>]*>Mở PDF<\/a>/u);
  });
});
