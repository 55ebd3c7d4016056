// The calendar's part of the run summary, apart from run-rounds.ts so that a run that keeps its
// outputs (run/kept-run.ts) prints it without loading the rounds' machinery.
import type { RoundResult } from './round-result.js';

/** Summary lines: each round's state and snapshot, late and out-of-scope changes per unit. */
export function describeRounds(rounds: RoundResult[] | undefined): string[] {
  if (!rounds || rounds.length === 0) return [];
  const lines = ['  Lịch thẩm định:'];
  const status = { closed: 'đã khóa', open: 'đang mở', upcoming: 'chưa mở' } as const;
  for (const r of rounds) {
    lines.push(`    ${r.name}: hạn ${r.untilText} (giờ Việt Nam), ${status[r.status]}${r.snapshot ? `; ảnh chụp ${r.snapshot.file}, SHA-256 ${r.snapshot.sha256}` : ''}`);
    for (const u of r.units) {
      const parts: string[] = [];
      if (u.applied.length) parts.push(`${u.applied.length} nội dung bổ sung được tính`);
      // Left out for being made while uploads were locked (before the round opened) or for its scope.
      const locked = u.outOfScope.filter((c) => c.outside === 'window').length;
      const scope = u.outOfScope.length - locked;
      if (scope) parts.push(`${scope} thay đổi ngoài phạm vi (không tính)`);
      if (locked) parts.push(`${locked} thay đổi nộp lúc phần mềm khóa giữa hai vòng (không tính)`);
      const late = u.late.filter((c) => c.change !== 'removed').length;
      const removed = u.late.length - late;
      if (late) parts.push(`${late} tệp nộp sau thời hạn (không tính)`);
      if (removed) parts.push(`${removed} tệp bị xóa sau thời hạn`);
      if (parts.length) lines.push(`      ${u.code.padEnd(10)} ${parts.join('; ')}`);
      // The files themselves, a few per unit (all of them are in the workbook's Phát hiện sheet and the log).
      const named = [...u.late.map((c) => ({ c, label: c.change === 'removed' ? 'xóa sau thời hạn' : 'nộp sau thời hạn' })), ...u.outOfScope.map((c) => ({ c, label: c.outside === 'window' ? 'nộp lúc phần mềm khóa' : 'ngoài phạm vi' }))];
      for (const { c, label } of named.slice(0, 5)) lines.push(`        ${label}: ${c.change === 'report-row' ? `báo cáo, tiêu chí ${c.criterion}` : c.path}`);
      if (named.length > 5) lines.push(`        … và ${named.length - 5} tệp khác`);
    }
  }
  return lines;
}
