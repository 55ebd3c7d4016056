// The evidence reader: what a PDF's own number, date and signature are.
// This walking-skeleton version reads the text layer of page 1 only; OCR and signing overlays plug in here.
import { readFile, stat } from 'node:fs/promises';
import { PDFParse } from 'pdf-parse';
import type { Extraction } from '../model.js';
import { sha256File } from '../util/files.js';
import { nfc } from '../util/text.js';
import { parseDocumentDate, parseDocumentNumber } from './parse-header.js';

export const READER_VERSION = 'text-1';

export interface EvidenceReaderOptions {
  /** Folder for cached results, keyed by file SHA-256 and reader version. */
  cacheDir?: string;
  /** Files read at once. */
  concurrency?: number;
}

export interface EvidenceReader {
  read(file: string): Promise<Extraction>;
  close(): Promise<void>;
}

export function createEvidenceReader(_options: EvidenceReaderOptions = {}): EvidenceReader {
  return {
    read: readEvidence,
    close: async () => {},
  };
}

function emptyExtraction(file: string, sha256: string): Extraction {
  return {
    file, sha256, status: 'ok', source: null,
    number: null, numeral: null, suffixed: false, typeCode: null, issuerCode: null, year: null, blankNumber: false,
    date: null, place: null, blankDate: false,
    confidence: 0, numberConfidence: 0, dateConfidence: 0,
    signed: false, signer: null, signedAt: null, scanned: false,
    pages: 0, headerPage: null, citations: [], readerVersion: READER_VERSION,
  };
}

export async function readEvidence(file: string): Promise<Extraction> {
  let sha256 = '';
  try {
    sha256 = await sha256File(file);
  } catch (error) {
    return { ...emptyExtraction(file, sha256), status: 'unreadable', error: `không mở được tệp: ${(error as Error).message}` };
  }
  const result = emptyExtraction(file, sha256);
  const info = await stat(file);
  if (info.size === 0) return { ...result, status: 'unreadable', error: 'tệp rỗng (0 byte)' };
  const data = await readFile(file);
  if (!data.subarray(0, 1024).toString('latin1').includes('%PDF-')) {
    return { ...result, status: 'unreadable', error: 'không phải tệp PDF' };
  }
  const parser = new PDFParse({ data });
  try {
    const text = await parser.getText({ partial: [1] });
    result.pages = text.total;
    const page = nfc(text.pages[0]?.text ?? '');
    const number = parseDocumentNumber(page);
    const date = parseDocumentDate(page);
    if (number || date) {
      result.source = 'text';
      result.headerPage = 1;
    }
    if (number) {
      Object.assign(result, number);
      result.numberConfidence = 1;
    }
    if (date) {
      Object.assign(result, date);
      result.dateConfidence = date.date || date.blankDate ? 1 : 0.5;
    }
    result.confidence = Math.min(result.numberConfidence, result.dateConfidence);
    return result;
  } catch (error) {
    const name = (error as Error).name;
    const reason = name === 'PasswordException' ? 'tệp PDF được mã hóa (có mật khẩu)' : `tệp PDF hỏng: ${(error as Error).message}`;
    return { ...result, status: 'unreadable', error: reason };
  } finally {
    await parser.destroy();
  }
}
