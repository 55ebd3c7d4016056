// The seam between the evidence reader and readers on other machines (pipeline/queue/): the local
// reader asks a RemoteReader first for a file its cache does not hold, and reads the file in its own
// processes when the answer is null. Nothing here knows about Redis.
import type { PdfReading } from './reading.js';

/** A file the run wants read elsewhere: already hashed and sniffed by the local reader. */
export interface RemoteRequest {
  /** Absolute path; readers elsewhere reach the file through the same (shared) path. */
  file: string;
  sha256: string;
  /** Bytes; larger files are read first. */
  size: number;
  /** The run's per-file time limit, in milliseconds. */
  timeoutMs: number;
  /** Pages whose text layer is searched for cited documents (reader default when absent). */
  citationPages?: number;
  /** The audit's header crop is wanted with the reading (a reading without it does not do). */
  crop: boolean;
}

/**
 * What was read elsewhere. `done`: the reading (and the audit's header crop, PNG bytes), cacheable
 * like a local reading; `ocrRegions`, the regions of page 1 OCR'd when it was read for this request
 * (absent: found already read, like a cached file). `failed`: the file's unreadable reason
 * (Vietnamese), never cached, as a local time-out or crash; `failure` says which, when it was one.
 */
export type RemoteOutcome =
  | { kind: 'done'; reading: PdfReading; crop?: Uint8Array; ocrRegions?: number }
  | { kind: 'failed'; detail: string; failure?: 'timeout' | 'crash' | 'memory' };

export interface RemoteReader {
  /** The file read elsewhere, or null: nobody elsewhere answers, read it here. Never rejects. */
  read(request: RemoteRequest): Promise<RemoteOutcome | null>;
}
