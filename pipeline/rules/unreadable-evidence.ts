import { z } from 'zod';
import type { ExtractionSource } from '../model.js';
import { aboutFile, documentLabel, fileLabel, percent } from './describe.js';
import { partsToRead, placeInWindow } from './reading-parts.js';
import { defineRule } from './rule.js';

const SOURCE: Record<ExtractionSource, string> = {
  text: 'từ lớp chữ của tệp',
  annotation: 'từ dấu ký số trên tệp',
  ocr: 'bằng nhận dạng ảnh (OCR)',
  'ocr+claim': 'bằng nhận dạng chữ viết tay, khớp với thông tin đơn vị cung cấp',
  person: 'do người kiểm tra hiệu chỉnh',
};

/** Below this, a reading is not acted on without the council (unless the framework says otherwise). */
export const DEFAULT_MIN_CONFIDENCE = 0.8;

/**
 * A file that cannot be read, or whose number and date were read with low confidence, is never
 * silently zeroed: the council opens it. `minConfidence` is also the threshold below which the
 * appraisal turns any rule's zero into a review (see appraise-criterion).
 */
export const unreadableEvidence = defineRule({
  id: 'unreadable-evidence',
  description: 'Tài liệu kiểm chứng không đọc được hoặc đọc được với độ tin cậy thấp: chuyển Hội đồng xem xét trực tiếp',
  phase: 'evidence',
  effects: ['review'],
  enabledByDefault: true,
  params: z.object({ minConfidence: z.number().min(0).max(1).default(DEFAULT_MIN_CONFIDENCE) }).strict(),
  check({ evidence, effect, params, batch, criterion, trusted }) {
    return evidence.flatMap((record) => {
      const e = record.extraction;
      if (e.status === 'unreadable') {
        return [{
          effect,
          reason: `Không đọc được ${fileLabel(record)}: ${e.error ?? 'lỗi không xác định'}. Tệp chưa bị loại; đề nghị Hội đồng thẩm định mở tệp và xem xét trực tiếp.`,
          ...aboutFile(record),
        }];
      }
      const nothing = e.number === null && e.date === null && !e.blankNumber && !e.blankDate;
      if (nothing) {
        return [{
          effect,
          reason: `Không tìm thấy số, ký hiệu và ngày ban hành trong ${fileLabel(record)}; đề nghị Hội đồng thẩm định mở tệp và xem xét trực tiếp.`,
          ...aboutFile(record),
        }];
      }
      // Issue 9: a date whose only doubtful part is the day, while its month and year already place
      // it in the data window and no issue deadline needs the day, changes no rule's outcome.
      const dayOnly = e.number !== null && e.numberConfidence >= params.minConfidence && e.parts !== undefined
        && partsToRead(e, ['date'], params.minConfidence).length === 1 && (e.parts.day.status !== 'read' || e.parts.day.confidence < params.minConfidence)
        && !criterion.evidence?.deadline
        && placeInWindow(e, batch.dataWindow.from, batch.cutoff, (basis) => trusted(e, basis)).place !== 'unknown';
      if (dayOnly) return [];
      // Which part of which file a person must read (the parts the reader could not read with confidence).
      const toRead = partsToRead(e, ['number', 'date'], params.minConfidence);
      const readThese = toRead.length > 0 ? ` Cần đọc trên tệp: ${toRead.join('; ')}.` : '';
      const missing = [
        e.number === null && !e.blankNumber ? 'số, ký hiệu' : '',
        e.date === null && !e.blankDate ? 'ngày ban hành' : '',
      ].filter(Boolean);
      if (missing.length > 0) {
        const read = documentLabel(e);
        return [{
          effect,
          reason: `Không tìm thấy ${missing.join(' và ')} trong ${fileLabel(record)}${read ? `, văn bản ${read}` : ''}; đề nghị Hội đồng thẩm định mở tệp và xem xét trực tiếp.${readThese}`,
          ...aboutFile(record),
        }];
      }
      const weak = Math.min(e.numberConfidence, e.dateConfidence);
      if (weak >= params.minConfidence) return [];
      const read = documentLabel(e, false) || 'số và ngày để trống';
      const how = e.source ? ` ${SOURCE[e.source]}` : '';
      return [{
        effect,
        reason: `Số và ngày của ${fileLabel(record)} được đọc${how} với độ tin cậy thấp (${percent(weak)}): ${read}. Đề nghị Hội đồng thẩm định đối chiếu với bản gốc trước khi quyết định.${readThese}`,
        ...aboutFile(record),
      }];
    });
  },
});
