import { formatDateVn } from '../util/text.js';
import { numberKey } from './cited-documents.js';
import { aboutFile, capitalise, effectClause, fileLabel } from './describe.js';
import { noParams } from './params.js';
import { defineRule, type EvidenceRecord, type RuleReport } from './rule.js';

/**
 * One number belongs to one document: numbers run consecutively per issuer and restart each
 * 1 January (Decree 30/2020 art. 15). Two different files of a unit carrying the same number in the
 * same year with different dates cannot both be genuine. The same document filed under two
 * criteria (same content) or in two renditions (same date) is not a conflict.
 */
export const duplicateNumber = defineRule({
  id: 'duplicate-number',
  description: 'Một số văn bản được dùng cho hai văn bản khác nhau trong hồ sơ của đơn vị',
  phase: 'evidence',
  effects: ['review', 'exclude', 'zero'],
  enabledByDefault: true,
  params: noParams,
  check({ evidence, unitEvidence, effect, trusted }) {
    const usable = (r: EvidenceRecord) =>
      r.extraction.status === 'ok' && r.extraction.number !== null && r.extraction.date !== null
      && trusted(r.extraction, 'number') && trusted(r.extraction, 'date');
    if (!evidence.some(usable)) return [];
    // The unit's files by number, keyed once per file rather than once per pair of files.
    const byNumber = new Map<string, EvidenceRecord[]>();
    for (const other of unitEvidence.filter(usable)) {
      const key = numberKey(other.extraction.number ?? '');
      byNumber.set(key, [...(byNumber.get(key) ?? []), other]);
    }
    const reports: RuleReport[] = [];
    evidence.forEach((record, i) => {
      if (!usable(record)) return;
      const e = record.extraction;
      const year = e.date?.slice(0, 4);
      const clashes = (byNumber.get(numberKey(e.number ?? '')) ?? []).filter((other) => {
        if (other === record) return false;
        const o = other.extraction;
        if (o.date?.slice(0, 4) !== year) return false;
        if (o.sha256 === e.sha256 || o.date === e.date) return false;
        // A clash inside one criterion is told once, from its first file.
        const j = evidence.indexOf(other);
        return j === -1 || j > i;
      });
      for (const other of clashes) {
        const where = other.file.criterion === record.file.criterion ? '' : `, tiêu chí ${other.file.criterion}`;
        reports.push({
          effect,
          basis: ['number', 'date'],
          reason: `${capitalise(fileLabel(record))} (ngày ${formatDateVn(e.date ?? '')}) và ${fileLabel(other)} (ngày ${formatDateVn(other.extraction.date ?? '')}${where}) là hai văn bản khác nhau nhưng cùng mang số ${e.number}; số văn bản được đánh liên tục trong năm nên mỗi số chỉ thuộc một văn bản, ${effectClause(effect)}.`,
          ...aboutFile(record),
        });
      }
    });
    return reports;
  },
});
