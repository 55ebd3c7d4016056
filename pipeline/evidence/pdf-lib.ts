// pdf-lib (for the few objects the reader takes straight from a PDF: page 1's scan image, annotation
// appearances, stamped pictures), loaded from the package's single-file bundle: the same version's
// code as its CommonJS build, but one file to compile instead of some two hundred, whose resolution
// and export analysis cost every reader process about 0.15 s of CPU at start-up.
import { createRequire } from 'node:module';
import type * as PdfLib from 'pdf-lib';

const require = createRequire(import.meta.url);
const pdfLib = require('pdf-lib/dist/pdf-lib.min.js') as typeof PdfLib;

export const { decodePDFRawStream, PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFStream } = pdfLib;
export type PDFArray = PdfLib.PDFArray;
export type PDFBool = PdfLib.PDFBool;
export type PDFDict = PdfLib.PDFDict;
export type PDFDocument = PdfLib.PDFDocument;
export type PDFName = PdfLib.PDFName;
export type PDFNumber = PdfLib.PDFNumber;
export type PDFRawStream = PdfLib.PDFRawStream;
export type PDFRef = PdfLib.PDFRef;
export type PDFStream = PdfLib.PDFStream;
