// File-system errors reach the clerk in Vietnamese, and say whether reading or writing failed.
import { describe, expect, it } from 'vitest';
import { describeFsError, describeJsonError } from '../../pipeline/util/fs-errors.js';

const errno = (code: string) => Object.assign(new Error(`${code}: english text`), { code });

describe('describeFsError', () => {
  it.each([
    ['EACCES', 'read', 'không có quyền đọc'],
    ['EACCES', 'write', 'không có quyền ghi'],
    ['EPERM', 'write', 'không có quyền ghi'],
    ['ENOSPC', 'write', 'đĩa đã đầy'],
    ['EISDIR', 'read', 'là một thư mục, không phải tệp'],
  ] as const)('%s while %s: %s', (code, action, text) => {
    expect(describeFsError(errno(code), action)).toBe(text);
  });
});

describe('describeJsonError: why a JSON file was refused, in Vietnamese with its place', () => {
  const refused = (text: string) => {
    try {
      JSON.parse(text);
    } catch (error) {
      return describeJsonError(error, text);
    }
    throw new Error('parsed');
  };

  it('names the line and column when V8 gives the position', () => {
    expect(refused('{\n  "unit": "STP",\n}')).toBe('sai cú pháp JSON ở dòng 3, cột 1');
  });

  it('says a cut or empty file is cut or empty', () => {
    expect(refused('')).toBe('tệp JSON rỗng hoặc bị cắt cụt');
    expect(refused('{"unit": "STP"')).toMatch(/^(tệp JSON rỗng hoặc bị cắt cụt|sai cú pháp JSON ở dòng 1, cột \d+)$/u);
  });

  it('never passes on V8\'s English', () => {
    for (const text of ['x', '{"a": }', '[1,,2]', '{"a" 1}']) expect(refused(text)).not.toMatch(/Unexpected|Expected|JSON at|is not valid/u);
  });
});
