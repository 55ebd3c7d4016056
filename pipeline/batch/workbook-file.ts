// What a file that should be an .xlsx workbook really is, when the workbook library cannot open it.
// People send Excel 97–2003 files, password-protected workbooks, LibreOffice files, web pages and CSV
// saved under an .xlsx name; the library's own error ("Can't find end of central directory…") means
// nothing to a clerk, so the reason is read from the file's bytes and said in Vietnamese.
import { open } from 'node:fs/promises';

/** Bytes looked at: an OLE file's directory (stream names) may sit after its data, so read generously. */
const SNIFF_BYTES = 16 * 1024 * 1024;

/** How to convert: Excel's own menu words (Vietnamese Office), then run again. */
const RESAVE = 'cần mở bằng Excel, chọn Tệp › Lưu thành (Save As), kiểu "Sổ làm việc Excel (*.xlsx)", rồi chạy lại';

/**
 * Why `file` cannot be read as an .xlsx workbook, as a Vietnamese clause (no file name, no final
 * full stop). Looks only at the bytes: OLE compound files (D0 CF 11 E0) are an Excel 97–2003 `.xls`
 * or, when they hold an `EncryptionInfo` stream, an .xlsx protected by a password (ECMA-376 part 2
 * §2.3.4: an encrypted OOXML package is stored inside an OLE file); a zip that is not a workbook is
 * named by its content type; text files are web pages or CSV.
 */
export async function describeWorkbookProblem(file: string): Promise<string> {
  let head: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EACCES' ? 'không có quyền đọc tệp' : code === 'EISDIR' ? 'đây là một thư mục, không phải tệp' : 'không mở được tệp';
  }
  return describeWorkbookBytes(head);
}

/** As describeWorkbookProblem, from the file's first bytes. */
export function describeWorkbookBytes(head: Buffer): string {
  if (head.length === 0) return 'tệp rỗng (0 byte)';
  if (head.subarray(0, 8).toString('hex') === 'd0cf11e0a1b11ae1') {
    if (head.includes(Buffer.from('EncryptionInfo', 'utf16le'))) {
      return 'tệp Excel được đặt mật khẩu (mã hóa): cần gỡ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu lại dạng .xlsx';
    }
    if (head.includes(Buffer.from('WordDocument', 'utf16le'))) return `đây là tệp Word 97–2003 (.doc), không phải bảng tính Excel`;
    return `đây là tệp Excel 97–2003 (.xls), chương trình chỉ đọc định dạng .xlsx: ${RESAVE}`;
  }
  if (head.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') {
    const text = head.toString('latin1');
    if (text.includes('application/vnd.oasis.opendocument.spreadsheet')) {
      return `đây là tệp LibreOffice/OpenOffice (.ods): ${RESAVE}`;
    }
    if (text.includes('word/')) return 'đây là tệp Word (.docx), không phải bảng tính Excel';
    if (!text.includes('xl/') && !text.includes('[Content_Types].xml')) return 'đây là tệp nén ZIP, không phải bảng tính Excel';
    return `tệp .xlsx bị hỏng hoặc do chương trình khác lưu không đúng chuẩn: ${RESAVE}`;
  }
  if (head.subarray(0, 4).toString('latin1') === 'PK\u0005\u0006') return 'tệp rỗng (một tệp nén không có nội dung)';
  const start = head.subarray(0, 512).toString('utf8').replace(/^\uFEFF/u, '').trimStart();
  if (/^%PDF-/u.test(start)) return 'đây là tệp PDF, không phải bảng tính Excel';
  if (/^<(!doctype html|html|table)/iu.test(start)) return `đây là trang web (HTML) đặt đuôi .xlsx, do một phần mềm khác xuất ra: ${RESAVE}`;
  if (/^<\?xml/iu.test(start) && start.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    return `đây là tệp "Bảng tính XML 2003", không phải .xlsx: ${RESAVE}`;
  }
  if (/^[^\0]*$/u.test(start) && /[,;\t]/u.test(start.split('\n')[0] ?? '')) {
    return `đây là tệp văn bản (CSV) đặt đuôi .xlsx: ${RESAVE}`;
  }
  return `không phải tệp Excel .xlsx: ${RESAVE}`;
}
