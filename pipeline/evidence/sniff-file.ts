// Cheap checks on a file's first and last bytes before any PDF parser sees it: empty files, files
// that are not PDFs whatever their name says, and PDFs cut short by an interrupted upload. JPEG and PNG
// photos of a document pass: the reader takes them as a scanned page.

/** Bytes read from the start and the end of a file for sniffing. */
export const HEAD_BYTES = 1024;
export const TAIL_BYTES = 8192;

const KINDS: { test: (head: Buffer) => boolean; kind: string }[] = [
  { test: (h) => h.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004' && h.includes('word/'), kind: 'tệp Word .docx' },
  { test: (h) => h.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004' && h.includes('xl/'), kind: 'tệp Excel .xlsx' },
  { test: (h) => h.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004', kind: 'tệp nén ZIP hoặc Office' },
  { test: (h) => h.subarray(0, 8).toString('hex') === 'd0cf11e0a1b11ae1', kind: 'tệp Word/Excel cũ (.doc/.xls)' },
  { test: (h) => h.subarray(0, 3).toString('hex') === 'ffd8ff', kind: 'ảnh JPEG' },
  { test: (h) => h.subarray(0, 8).toString('hex') === '89504e470d0a1a0a', kind: 'ảnh PNG' },
  { test: (h) => ['49492a00', '4d4d002a'].includes(h.subarray(0, 4).toString('hex')), kind: 'ảnh TIFF' },
  // ISO BMFF `ftyp` box with a HEIF brand: the iPhone camera's default format.
  { test: (h) => h.subarray(4, 8).toString('latin1') === 'ftyp' && /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/u.test(h.subarray(8, 12).toString('latin1')), kind: 'ảnh HEIC' },
  { test: (h) => /^\s*<(!doctype html|html)/iu.test(h.toString('latin1')), kind: 'trang web HTML' },
  { test: (h) => h.subarray(0, 5).toString('latin1') === '{\\rtf', kind: 'tệp RTF' },
];

/** NUL and white space: what scanners, copy tools and disk images pad a file's end with. */
function isPadding(byte: number): boolean {
  return byte === 0x00 || byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c;
}

/**
 * The offset just after the last byte of `bytes` that is not padding (0 when all of it is). The tail
 * sniffed for `%%EOF` ends here, so a valid PDF followed by NUL padding is not called truncated.
 */
export function contentEnd(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0 && isPadding(bytes[end - 1]!)) end--;
  return end;
}

/** A photo or scan saved as an image the reader can take as page 1 of a scan (JPEG, PNG); null otherwise. */
export function scanImageKind(head: Buffer): 'jpeg' | 'png' | null {
  if (head.subarray(0, 3).toString('hex') === 'ffd8ff') return 'jpeg';
  if (head.subarray(0, 8).toString('hex') === '89504e470d0a1a0a') return 'png';
  return null;
}

/**
 * Why the file cannot be read as evidence (Vietnamese, for `Extraction.error`), or null when it is a
 * PDF or a JPEG/PNG image (read as a scanned page). `head`: the first bytes; `tail`: the last bytes
 * before any trailing padding (see contentEnd); `size`: the file size; `name`: the file name, so that
 * a Word file is called a Word file rather than a broken PDF.
 */
export function sniffFile(head: Buffer, tail: Buffer, size: number, name = 'tệp.pdf'): string | null {
  if (size === 0) return 'tệp rỗng (0 byte)';
  if (scanImageKind(head)) return null;
  if (!head.includes('%PDF-')) {
    const kind = KINDS.find((k) => k.test(head))?.kind;
    const extension = /\.([^./]+)$/u.exec(name)?.[1]?.toLowerCase() ?? '';
    if (['doc', 'docx'].includes(extension)) {
      const what = extension === 'docx' ? 'tệp Word (.docx)' : 'tệp Word 97–2003 (.doc)';
      return `là ${what}, văn bản chưa ký số và chưa phải bản ban hành: tài liệu kiểm chứng phải là bản chụp (scan) văn bản giấy hoặc văn bản điện tử có chữ ký số (PDF)`;
    }
    if (kind === 'ảnh TIFF') {
      return 'là ảnh TIFF: chương trình chưa đọc được ảnh TIFF; cần nộp bản PDF hoặc ảnh JPEG, PNG của văn bản';
    }
    if (kind === 'ảnh HEIC') {
      return 'là ảnh HEIC (định dạng mặc định của máy ảnh iPhone): chương trình chưa đọc được ảnh HEIC; cần nộp bản PDF, hoặc chụp lại ở định dạng JPEG (Cài đặt › Camera › Định dạng › Tương thích nhất)';
    }
    if (extension !== 'pdf') return kind ? `là ${kind}, không phải tệp PDF hay ảnh chụp văn bản` : `không phải tệp PDF hay ảnh chụp văn bản (tệp .${extension || 'không đuôi'})`;
    return kind ? `không phải tệp PDF (là ${kind} đặt đuôi .pdf)` : 'không phải tệp PDF (không có phần đầu %PDF-)';
  }
  if (!tail.includes('%%EOF') && !tail.includes('startxref')) {
    return 'tệp PDF không trọn vẹn (bị cắt cụt, thiếu phần cuối %%EOF): cần nộp lại bản đầy đủ';
  }
  return null;
}
