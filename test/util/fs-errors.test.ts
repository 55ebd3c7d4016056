// File-system errors reach the clerk in Vietnamese, and say whether reading or writing failed.
import { describe, expect, it } from 'vitest';
import { describeFsError } from '../../pipeline/util/fs-errors.js';

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

