// Where a run's time went: each reader event is charged to its kind of reading, the handwriting pass
// apart, and the log line says it in Vietnamese.
import { describe, expect, it } from 'vitest';
import type { ReaderEvent } from '../../pipeline/evidence/reader.js';
import { addReading, describePhases, emptyPhases, readingKind } from '../../pipeline/run/run-phases.js';

type Done = Extract<ReaderEvent, { type: 'done' }>;

const done = (over: Partial<Done>): Done => ({
  type: 'done', file: '/batch/units/STP/evidence/1.1.1/ke-hoach.pdf', sha256: 'a'.repeat(64), status: 'ok', source: 'text',
  cached: false, ocrRegions: 0, ocrPages: 0, ms: 120, hashMs: 2, cpuMs: 100, ...over,
});

describe('readingKind', () => {
  it.each([
    ['taken from the cache', done({ cached: true, cpuMs: undefined }), 'cached'],
    ['a Word export read from its text layer', done({}), 'text'],
    ['a signed document numbered by its signing annotation', done({ source: 'annotation' }), 'annotation'],
    ['a scan read by OCR', done({ source: 'ocr', ocrRegions: 2, ocrPages: 1 }), 'ocr'],
    ['a scan whose handwritten numeral matched the explanation', done({ source: 'ocr+claim', ocrRegions: 1 }), 'ocr'],
    ['a text layer that needed OCR of its stamp', done({ source: 'text', ocrRegions: 1 }), 'ocr'],
    ['an encrypted file', done({ status: 'unreadable', source: null }), 'unreadable'],
    ['a file past the time limit', done({ status: 'unreadable', source: null, failure: 'timeout' }), 'unreadable'],
  ])('%s → %s', (_name, event, kind) => {
    expect(readingKind(event)).toBe(kind);
  });
});

describe('addReading', () => {
  it('charges a file\'s handwriting pass to handwriting and the rest of its CPU to its kind', () => {
    const phases = emptyPhases();
    addReading(phases, done({ source: 'ocr', ocrRegions: 2, cpuMs: 900, phases: { ocr: 500, handwriting: 320, 'handwriting-cpu': 300 } }));
    addReading(phases, done({ cpuMs: 40 }));
    addReading(phases, done({ cached: true, cpuMs: undefined, hashMs: 0.5 }));
    expect(phases.reading).toEqual({
      ocr: { files: 1, cpuMs: 600 },
      handwriting: { files: 1, cpuMs: 300 },
      text: { files: 1, cpuMs: 40 },
      cached: { files: 1, cpuMs: 0 },
    });
    expect(phases.hashing.ms).toBe(4.5);
    expect(phases.readerSteps).toEqual({ ocr: 500, handwriting: 320, 'handwriting-cpu': 300 });
  });
});

describe('describePhases', () => {
  it('says where the night went, in Vietnamese, with seconds the Vietnamese way', () => {
    const phases = emptyPhases();
    phases.wallMs = { start: 210, evidence: 12_500 };
    phases.cpuMs = { start: 180, evidence: 1_250 };
    phases.hashing = { reused: 185, hashed: 3, ms: 42 };
    addReading(phases, done({ source: 'ocr', ocrRegions: 1, cpuMs: 2_500 }));
    expect(describePhases(phases)).toBe(
      'Thời gian theo giai đoạn (giây thực / CPU tiến trình chính): khởi động 0,21 / 0,18; mã SHA-256 và đọc tài liệu 12,5 / 1,25. '
      + 'Mã SHA-256: 185 tệp theo chỉ mục trạng thái tệp, 3 tệp đọc và băm (tài liệu kiểm chứng: 0,04 giây). '
      + 'Đọc tài liệu (CPU các tiến trình đọc): OCR 1 tệp 2,5 giây.',
    );
  });

  it('names the phase in which the run process reached its peak memory', () => {
    const phases = emptyPhases();
    phases.wallMs = { start: 200, evidence: 9_000, workbook: 2_000 };
    phases.cpuMs = { start: 150, evidence: 900, workbook: 1_900 };
    // maxRSS only grows: the peak is first reached at the end of the workbook.
    phases.peakRssMb = { start: 60, evidence: 310, workbook: 745 };
    expect(describePhases(phases)).toContain('Bộ nhớ cao nhất của tiến trình chính: 745 MB (đạt tới trong giai đoạn bảng tính).');
    phases.peakRssMb = { start: 60, evidence: 745, workbook: 745 };
    expect(describePhases(phases)).toContain('745 MB (đạt tới trong giai đoạn mã SHA-256 và đọc tài liệu)');
  });
});
