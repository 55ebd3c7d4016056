import { z } from 'zod';
import type { ReadingCorrection } from '../model.js';
import { formatDateVn } from '../util/text.js';
import { capitalise, documentLabel, fileLabel } from './describe.js';
import { defineRule } from './rule.js';
import { correctionPlace } from '../batch/correction-place.js';

/** `Vũ Thị Hạnh ngày 01/12/2021 (tệp hiệu chỉnh hieu-chinh-SXD.json, mục 2)`; a workbook's row is a `dòng`. */
export function correctionBy(c: Pick<ReadingCorrection, 'by' | 'at' | 'file' | 'line'>): string {
  const day = /^\d{4}-\d{2}-\d{2}/u.test(c.at) ? ` ngày ${formatDateVn(c.at.slice(0, 10))}` : '';
  return `${c.by}${day} (tệp hiệu chỉnh ${c.file}, ${correctionPlace(c.file, c.line)})`;
}

/**
 * A reading a person confirmed or corrected from the audit pages (batch.yaml `inputs.corrections`)
 * is recorded, so the minutes say who settled the number and date the criterion was judged on.
 */
export const personCorrection = defineRule({
  id: 'person-correction',
  description: 'Số, ngày văn bản do người kiểm tra xác nhận hoặc hiệu chỉnh: ghi nhận trong biên bản',
  phase: 'evidence',
  effects: ['info'],
  enabledByDefault: true,
  params: z.object({}).strict(),
  check({ evidence, effect }) {
    return evidence.flatMap((record) => {
      const c = record.extraction.correction;
      if (!c) return [];
      const now = documentLabel(record.extraction) || 'không có số, ngày';
      const before = [c.previous.number ? `số ${c.previous.number}` : 'không đọc được số', c.previous.date ? `ngày ${formatDateVn(c.previous.date)}` : 'không đọc được ngày'].join(', ');
      const reason = c.action === 'confirm'
        ? `${capitalise(fileLabel(record))}: ${now} do ${correctionBy(c)} xác nhận đúng.`
        : `${capitalise(fileLabel(record))}: ${now} do ${correctionBy(c)} hiệu chỉnh (máy đọc: ${before}).`;
      return [{ effect, reason, file: record.file.relPath, ...(record.extraction.headerPage ? { page: record.extraction.headerPage } : {}) }];
    });
  },
});

/**
 * Two people (or one, twice) corrected the same file content differently: no correction is
 * chosen silently; the council decides (the reading stays what the reader read).
 */
export const conflictingCorrections = defineRule({
  id: 'conflicting-corrections',
  description: 'Các hiệu chỉnh số, ngày cho cùng một tệp mâu thuẫn nhau: không áp dụng, chuyển Hội đồng',
  phase: 'evidence',
  effects: ['review', 'info'],
  enabledByDefault: true,
  params: z.object({}).strict(),
  check({ evidence, effect }) {
    return evidence.flatMap((record) => {
      const conflict = record.extraction.correctionConflict;
      if (!conflict || conflict.length < 2) return [];
      const each = conflict.map((c) => `${correctionBy(c)}: ${[c.number ? `số ${c.number}` : 'không có số', c.date ? `ngày ${formatDateVn(c.date)}` : 'không có ngày'].join(', ')}`);
      const tail = effect === 'review' ? 'đề nghị Hội đồng thẩm định xem bản gốc và quyết định' : 'nội dung này được ghi nhận để theo dõi';
      return [{
        effect,
        reason: `Các hiệu chỉnh cho ${fileLabel(record)} mâu thuẫn nhau (${each.join('; ')}); không hiệu chỉnh nào được áp dụng, ${tail}.`,
        file: record.file.relPath,
        ...(record.extraction.headerPage ? { page: record.extraction.headerPage } : {}),
      }];
    });
  },
});
