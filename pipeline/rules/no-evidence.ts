import path from 'node:path';
import { z } from 'zod';
import { effectClause, explains, fileList, notAnExplanation, quote } from './describe.js';
import { defineRule } from './rule.js';

/**
 * Lào Cai §2, Hưng Yên art. 5.1a, Thái Nguyên §4b–c: a criterion without (valid) evidence must be
 * explained; without an explanation it scores 0, with one the council decides. A cell that says
 * nothing (`.`, `x`, `có`: see `explains`) is no explanation. Files that are in the folder but left for
 * the council to tell apart (two names equal after NFC: `UncountedFile.forCouncil`) are not "no evidence":
 * the council decides, whatever the explanation.
 */
export const noEvidence = defineRule({
  id: 'no-evidence',
  description: 'Không có tài liệu kiểm chứng hợp lệ và không giải trình thì chấm điểm 0; có giải trình thì Hội đồng xem xét',
  phase: 'criterion',
  effects: ['zero', 'review'],
  enabledByDefault: true,
  params: z.object({ withExplanation: z.enum(['review', 'zero', 'info']).default('review') }).strict(),
  check({ criterion, claim, evidence, excluded, uncounted, effect, params }) {
    if (criterion.survey || !claim || criterion.evidence?.required === false || evidence.length > 0) return [];
    const undecided = (uncounted ?? []).filter((u) => u.forCouncil);
    if (undecided.length > 0) {
      const held = undecided.map((u) => `tệp ${quote(path.posix.basename(u.path))} có trong thư mục nhưng ${u.why}`).join('; ');
      return [{ effect: 'review', reason: `Tiêu chí ${criterion.code} chưa có tài liệu kiểm chứng được xem xét: ${held}; ${effectClause('review')}.`, file: undecided[0]!.path }];
    }
    const none = excluded.length > 0
      ? `Tiêu chí ${criterion.code} không còn tài liệu kiểm chứng hợp lệ (${fileList(excluded)} không được tính như đã nêu)`
      : `Tiêu chí ${criterion.code} không có tài liệu kiểm chứng`;
    const explanation = claim.explanation.trim();
    if (!explains(explanation)) {
      return [{ effect, reason: `${none} và đơn vị không giải trình${notAnExplanation(explanation)}; ${effectClause(effect)}.` }];
    }
    const then = params.withExplanation;
    return [{
      effect: then,
      reason: `${none}; đơn vị có giải trình ${quote(explanation)}, ${effectClause(then)}.`,
    }];
  },
});
