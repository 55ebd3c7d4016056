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

/** pdf.js failures in Vietnamese, for the file's `error`. */
export function describePdfError(error: unknown): string {
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = (error as { message?: string } | null)?.message ?? String(error);
  if (name === 'PasswordException') return 'tệp PDF được mã hóa (có mật khẩu), không mở được';
  if (name === 'InvalidPDFException') return `tệp PDF hỏng, không đọc được cấu trúc (${message})`;
  if (name === 'MissingPDFException' || /ENOENT/u.test(message)) return 'không tìm thấy tệp';
  if (message.startsWith('OCR:')) return `lỗi nhận dạng chữ (OCR) trên trang 1 (${message.slice(4).trim()})`;
  return `tệp PDF hỏng (${message})`;
}

