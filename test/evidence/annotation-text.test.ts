import { describe, expect, it } from 'vitest';
import { parseToUnicode } from '../../pipeline/evidence/annotation-text.js';
import { tokenize } from '../../pipeline/evidence/content-stream.js';

describe('tokenize (content streams of annotation appearances)', () => {
  it('gives strings with their bytes, escapes and hex decoded', () => {
    const tokens = [...tokenize('BT /Helv 12 Tf 2 3.5 Td (12\\(a\\)) Tj [<0031> -250 (b)] TJ ET')];
    expect(tokens.map((t) => t.kind)).toEqual(['op', 'name', 'number', 'op', 'number', 'number', 'op', 'string', 'op', 'string', 'number', 'string', 'op', 'op']);
    expect(Buffer.from(tokens[7]?.bytes ?? []).toString('latin1')).toBe('12(a)');
    expect([...(tokens[9]?.bytes ?? [])]).toEqual([0x00, 0x31]);
  });
});

describe('parseToUnicode', () => {
  it('reads bfchar and bfrange (array and incrementing forms)', () => {
    const cmap = parseToUnicode(`1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0011> <0110> endbfchar
2 beginbfrange <0014> <0016> <0031> <0020> <0021> [<0053> <1ED1>] endbfrange`);
    expect(cmap?.codeBytes).toBe(2);
    expect([3, 0x11, 0x14, 0x15, 0x16, 0x20, 0x21].map((c) => cmap?.map.get(c))).toEqual([' ', 'Đ', '1', '2', '3', 'S', 'ố']);
  });

  it('a stream without mappings is no map', () => {
    expect(parseToUnicode('begincmap endcmap')).toBeNull();
  });
});
