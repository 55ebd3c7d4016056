import { describe, expect, it } from 'vitest';
import { contentEnd, sniffFile } from '../../pipeline/evidence/sniff-file.js';

const pdf = (body: string) => Buffer.from(`%PDF-1.7\n${body}`, 'latin1');

describe('sniffFile', () => {
  const cases: { name: string; file?: string; head: Buffer; tail: Buffer; size: number; expected: RegExp | null }[] = [
    { name: 'a complete PDF passes', head: pdf('1 0 obj'), tail: Buffer.from('startxref\n123\n%%EOF\n'), size: 2000, expected: null },
    { name: 'an empty file', head: Buffer.alloc(0), tail: Buffer.alloc(0), size: 0, expected: /tệp rỗng/u },
    { name: 'a PDF cut short by an upload', head: pdf('1 0 obj'), tail: Buffer.from('stream\nxyz'), size: 5000, expected: /không trọn vẹn/u },
    { name: 'a Word file named .pdf', head: Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.from('....word/document.xml')]), tail: Buffer.alloc(10), size: 900, expected: /Word \.docx/u },
    { name: 'a web page named .pdf', head: Buffer.from('<!DOCTYPE html><html>'), tail: Buffer.from('</html>'), size: 60, expected: /trang web HTML/u },
    { name: 'a JPEG photo, whatever its name, is read as a scan', head: Buffer.from('ffd8ffe000104a464946', 'hex'), tail: Buffer.from('ffd9', 'hex'), size: 1000, expected: null },
    { name: 'a PNG photo is read as a scan', file: 'anh-chup.png', head: Buffer.from('89504e470d0a1a0a', 'hex'), tail: Buffer.from('IEND'), size: 1000, expected: null },
    { name: 'ke-hoach.docx is an unsigned Word file, not a broken PDF', file: 'ke-hoach.docx', head: Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.from('....word/document.xml')]), tail: Buffer.alloc(10), size: 900, expected: /^là tệp Word \(\.docx\), văn bản chưa ký số/u },
    { name: 'bao-cao.doc (Word 97–2003) is an unsigned Word file', file: 'bao-cao.doc', head: Buffer.from('d0cf11e0a1b11ae1', 'hex'), tail: Buffer.alloc(10), size: 900, expected: /^là tệp Word 97–2003 \(\.doc\), văn bản chưa ký số/u },
    { name: 'a TIFF scan is named as such, with what to send instead', file: 'scan.tif', head: Buffer.from('49492a00', 'hex'), tail: Buffer.alloc(10), size: 900, expected: /^là ảnh TIFF: chương trình chưa đọc được ảnh TIFF; cần nộp bản PDF hoặc ảnh JPEG, PNG/u },
    { name: 'an iPhone photo (HEIC) is named as such, with how to take JPEG instead', file: 'IMG_0412.HEIC', head: Buffer.concat([Buffer.from('00000018', 'hex'), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(8)]), tail: Buffer.alloc(10), size: 900, expected: /^là ảnh HEIC \(định dạng mặc định của máy ảnh iPhone\): .* chụp lại ở định dạng JPEG/u },
    { name: 'plain text', head: Buffer.from('Số: 12/KH-UBND'), tail: Buffer.from('Số: 12/KH-UBND'), size: 20, expected: /không có phần đầu %PDF-/u },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = sniffFile(c.head, c.tail, c.size, c.file);
      if (c.expected === null) expect(result).toBeNull();
      else expect(result).toMatch(c.expected);
    });
  }
});

describe('contentEnd (trailing padding)', () => {
  it('a valid PDF followed by 20 KB of NUL padding: the tail before the padding has %%EOF', () => {
    const file = Buffer.concat([pdf('1 0 obj\nstartxref\n123\n%%EOF\n'), Buffer.alloc(20_000)]);
    const end = contentEnd(file);
    expect(file.subarray(0, end).toString('latin1').endsWith('%%EOF')).toBe(true);
    expect(sniffFile(file.subarray(0, 1024), file.subarray(Math.max(0, end - 8192), end), file.length)).toBeNull();
  });

  it('a file that is only padding has no content', () => {
    expect(contentEnd(Buffer.alloc(100))).toBe(0);
  });
});
