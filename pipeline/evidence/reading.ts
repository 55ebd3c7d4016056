// What reading one PDF yields before the reader adds the file's name, hash and its own version,
// and the Vietnamese reasons a file cannot be read.
import type { Extraction } from '../model.js';

/** What a reader process returns for a file: an Extraction without file name, hash and version. */
export type PdfReading = Omit<Extraction, 'file' | 'sha256' | 'readerVersion'>;

export function emptyReading(): PdfReading {
  return {
    status: 'ok', source: null,
    number: null, numeral: null, suffixed: false, typeCode: null, issuerCode: null, year: null, blankNumber: false,
    date: null, place: null, blankDate: false,
    confidence: 0, numberConfidence: 0, dateConfidence: 0,
    signed: false, signer: null, signedAt: null, signatures: [], signatureStatus: 'none', scanned: false, scanDpi: null, textLayer: null,
    pages: 0, headerPage: null, citations: [],
  };
}

export function unreadable(error: string, pages = 0): PdfReading {
  return { ...emptyReading(), status: 'unreadable', error, pages };
}

/**
 * pdf.js failures in Vietnamese, for the file's `error`: the kind of failure in words a clerk can act on,
 * and pdf.js's own English detail only translated (`pdfDetail`) or, when unknown, labelled as technical.
 */
export function describePdfError(error: unknown): string {
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = (error as { message?: string } | null)?.message ?? String(error);
  if (name === 'PasswordException') return 'tệp PDF được mã hóa (có mật khẩu), không mở được';
  if (name === 'InvalidPDFException') return `tệp PDF hỏng, không đọc được cấu trúc (${pdfDetail(message)})`;
  if (name === 'MissingPDFException' || /ENOENT/u.test(message)) return 'không tìm thấy tệp';
  if (message.startsWith('OCR:')) return `lỗi nhận dạng chữ (OCR) trên trang 1 (${pdfDetail(message.slice(4).trim())})`;
  return `tệp PDF hỏng (${pdfDetail(message)})`;
}

/** pdf.js's and the OCR engine's frequent messages, in Vietnamese; first match wins. */
const PDF_DETAILS: Array<[RegExp, string]> = [
  [/^Invalid PDF structure/iu, 'cấu trúc tệp không hợp lệ'],
  [/empty, i\.e\. its size is zero bytes/iu, 'tệp rỗng, 0 byte'],
  [/xref|startxref|trailer/iu, 'bảng tham chiếu (xref) của tệp bị hỏng'],
  [/root reference|catalog/iu, 'thiếu mục gốc (Catalog) của tệp'],
  [/page count|Page index|pages tree|\/Pages/iu, 'không tìm thấy trang trong tệp'],
  [/flate|FCHECK|compression method|block type|Unexpected end of (?:stream|data)|DCTDecode|JPX|JBIG2|CCITT|image data/iu, 'dữ liệu nén (hình ảnh hoặc nội dung trang) bị hỏng'],
  [/font|glyph|cmap/iu, 'phông chữ nhúng trong tệp bị hỏng'],
  // The canvas library given a broken name or string from a damaged page (a font or colour name).
  [/Convert String to CString|invalid (?:utf-?8|string)/iu, 'nội dung trang bị hỏng (có chuỗi ký tự không hợp lệ)'],
  [/timed? ?out|time limit/iu, 'quá thời gian cho phép'],
  [/out of memory|allocation|Array buffer/iu, 'không đủ bộ nhớ để mở tệp'],
];

/**
 * A library's English failure detail for a Vietnamese message: a known one translated, any other kept
 * for the administrator under a Vietnamese label (`chi tiết kỹ thuật: …`), never bare.
 */
export function pdfDetail(message: string): string {
  const text = message.trim().replace(/\s+/gu, ' ');
  for (const [pattern, vietnamese] of PDF_DETAILS) if (pattern.test(text)) return vietnamese;
  return text === '' ? 'không rõ nguyên nhân' : `chi tiết kỹ thuật: ${text}`;
}

