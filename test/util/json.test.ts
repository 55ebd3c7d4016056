// JSON a person may have touched: what is wrong is said in Vietnamese, with the place, never the
// engine's English.
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../pipeline/util/json.js';

describe('parseJson', () => {
  it.each([
    ['{"units": [', 'tệp kết thúc giữa chừng (bị cắt cụt hoặc chưa ghi xong)'],
    ['{"a": "chưa đóng', 'tệp kết thúc giữa chừng (bị cắt cụt hoặc chưa ghi xong)'],
    ['{\n  "a": 1,\n  x: 2\n}', 'lỗi cú pháp JSON ở dòng 3, cột 3'],
    ['{"a":}', 'lỗi cú pháp JSON ở dòng 1, cột 6'],
    ['', 'tệp rỗng'],
    ['  \n', 'tệp rỗng'],
  ])('%j → %s', (text, problem) => {
    expect(parseJson(text)).toEqual({ ok: false, problem });
  });

  it('reads valid JSON, a leading BOM (Notepad) ignored', () => {
    expect(parseJson('\uFEFF{"unit": "SXD"}')).toEqual({ ok: true, value: { unit: 'SXD' } });
  });
});

describe('parseJson: where the unexpected character is', () => {
  it('finds a stray comma deep in a long file by the context V8 quotes', () => {
    const text = `{\n  "province": "Hưng Yên",\n  "units": [,\n    {"code": "SXD"}\n  ]\n}\n`;
    expect(parseJson(text)).toEqual({ ok: false, problem: 'lỗi cú pháp JSON ở dòng 3, cột 13' });
  });
});
