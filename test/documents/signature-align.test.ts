// Issue 12, clerk wording: the names in a row of signature blocks stand on one line, whatever the
// length of each heading ("ĐẠI DIỆN SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN" beside "THƯ KÝ").
import { describe, expect, it } from 'vitest';
import { signatureBlock, signatureHeadingLines } from '../../pipeline/documents/decree30-docx.js';

describe('signature blocks side by side', () => {
  const width = 3000;
  const representative = { heading: ['Đại diện Sở Nông nghiệp và Phát triển nông thôn'], name: '' };
  const secretary = { heading: ['Thư ký'], name: 'Vũ Thị Hạnh' };

  it('a long heading wraps to more lines than a short one', () => {
    expect(signatureHeadingLines(representative, width)).toBeGreaterThan(signatureHeadingLines(secretary, width));
  });

  it('padded to the tallest heading, both blocks have the name at the same paragraph', () => {
    const lines = Math.max(signatureHeadingLines(representative, width), signatureHeadingLines(secretary, width));
    const a = signatureBlock({ ...representative, lines }, width);
    const b = signatureBlock({ ...secretary, lines }, width);
    expect(a.length).toBe(b.length);
    expect(b.length).toBe(lines + 1);
  });
});
