// pdf-lib (for the few objects the reader takes straight from a PDF: page 1's scan image, annotation
// appearances, stamped pictures), loaded from the package's single-file bundle: the same version's
// code as its CommonJS build, but one file to compile instead of some two hundred, whose resolution
// and export analysis cost every reader process about 0.15 s of CPU at start-up.
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as PdfLib from 'pdf-lib';

const require = createRequire(import.meta.url);
const pdfLib = require('pdf-lib/dist/pdf-lib.min.js') as typeof PdfLib;

export const { decodePDFRawStream, PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString } = pdfLib;
export type PDFArray = PdfLib.PDFArray;
export type PDFBool = PdfLib.PDFBool;
export type PDFDict = PdfLib.PDFDict;
export type PDFDocument = PdfLib.PDFDocument;
export type PDFName = PdfLib.PDFName;
export type PDFNumber = PdfLib.PDFNumber;
export type PDFRawStream = PdfLib.PDFRawStream;
export type PDFRef = PdfLib.PDFRef;
export type PDFHexString = PdfLib.PDFHexString;
export type PDFString = PdfLib.PDFString;
export type PDFObject = PdfLib.PDFObject;
export type PDFStream = PdfLib.PDFStream;

/** Files above this size are not parsed whole: they are left to pdf.js, which reads only the parts it needs. */
const MAX_WHOLE_FILE_BYTES = 40 * 1024 * 1024;

/**
 * The file parsed whole, when it is small enough, not encrypted and has a page; null otherwise, or
 * when `worthParsing` finds nothing wanted in its bytes. Throws on a file pdf-lib cannot parse.
 */
export async function loadWholePdf(file: string, worthParsing: (bytes: Buffer) => boolean = () => true): Promise<PDFDocument | null> {
  if ((await stat(file)).size > MAX_WHOLE_FILE_BYTES) return null;
  const bytes = await readFile(file);
  if (!worthParsing(bytes)) return null;
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
  return pdf.isEncrypted || pdf.getPageCount() === 0 ? null : pdf;
}

/** A dictionary's number entry; NaN when it is missing or not a number. */
export function numberIn(dict: PDFDict, key: string): number {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFNumber ? value.asNumber() : Number.NaN;
}
