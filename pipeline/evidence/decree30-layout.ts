// Where things are on page 1 of a Decree 30 document, as shares of the page: what the reader
// searches first and how it tells the header's two columns apart.

/** Where the two header columns meet, as a share of the page width (left column: 30 mm margin + 40 % of the text width). */
export const COLUMN_SPLIT = 0.46;
/** The header zone a text layer is searched in first, as a share of the page height. */
export const HEADER_ZONE = 0.4;
/** The top of a scanned page 1 OCR reads first: both header columns and the number/date row. */
export const HEADER_OCR_ZONE = 0.21;
