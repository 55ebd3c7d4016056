// Unit names, file names and explanations come from the units' own files: the audit pages show
// them as text, never as markup, and make characters that reorder or hide text visible.
import { describe, expect, it } from 'vitest';
import { esc, hrefOf } from '../../pipeline/audit/html.js';
import { showInvisible } from '../../pipeline/util/text.js';

describe('esc', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['Sở "Tư pháp" & \'Nội vụ\'', 'Sở &quot;Tư pháp&quot; &amp; &#39;Nội vụ&#39;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['30a/KH-SXD', '30a/KH-SXD'],
  ])('%s', (raw, html) => {
    expect(esc(raw)).toBe(html);
  });

  it('shows an RTL override and control characters as their codes instead of letting them act', () => {
    expect(esc('abc\u202Edef\u0007\u200F')).toBe('abc‹U+202E›def‹U+0007›‹U+200F›');
  });

  it('keeps Vietnamese, tabs and new lines, NFC-normalised', () => {
    expect(showInvisible('Tie\u0302\u0301ng Vie\u0323\u0302t\n\t')).toBe('Tiếng Việt\n\t');
  });

  it('renders nothing for null and undefined', () => {
    expect(esc(null)).toBe('');
    expect(esc(undefined)).toBe('');
  });
});

describe('hrefOf', () => {
  it('percent-encodes each segment of a relative path and keeps the dots and slashes', () => {
    expect(hrefOf('../../batch/units/STP/evidence/1.1.1/Kế hoạch 05#KH?.pdf')).toBe('../../batch/units/STP/evidence/1.1.1/K%E1%BA%BF%20ho%E1%BA%A1ch%2005%23KH%3F.pdf');
  });
});
