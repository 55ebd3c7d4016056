// The report's findings about one criterion (a self score that is not a number, a blank score on a
// row with evidence) are kept on the unit; the audit shows them on that criterion's card, as the
// minutes do, so a clerk filtering by rule or reading the card sees why it waits for the council.
import { describe, expect, it } from 'vitest';
import { renderAudit } from '../../pipeline/audit/render-audit.js';
import type { Finding } from '../../pipeline/model.js';
import { context } from '../documents/fixture.js';

function sxdPage(findings: Finding[]): string {
  const { result } = context();
  const units = result.units.map((u) => (u.code !== 'SXD' ? u : { ...u, findings: [...u.findings, ...findings] }));
  return renderAudit({ ...result, units }, { pdf: (rel) => rel, crop: () => null }).find((p) => p.path.endsWith('SXD.html'))!.html;
}

describe('audit page: the report\'s findings about a criterion', () => {
  const about: Finding = { rule: 'report-format', effect: 'review', unit: 'SXD', criterion: '1.1.1', reason: 'units/SXD/report.xlsx, trang "Tự đánh giá", dòng 8: điểm tự đánh giá -5 của tiêu chí 1.1.1 là số âm.' };
  const whole: Finding = { rule: 'report-format', effect: 'info', unit: 'SXD', reason: 'Báo cáo units/SXD/report.xlsx: ghi chú chung.' };

  it('a finding naming criterion 1.1.1 is on 1.1.1\'s card and its rule in the filter, not in the header; one about the unit stays in the header', () => {
    const html = sxdPage([about, whole]);
    const card = html.slice(html.indexOf('id="tc-1.1.1"'), html.indexOf('</section>', html.indexOf('id="tc-1.1.1"')));
    expect(card).toContain('là số âm.');
    expect(card).toMatch(/data-rules="[^"]*report-format/u);
    const header = html.slice(0, html.indexOf('<main>'));
    expect(header).not.toContain('là số âm');
    expect(header).toContain('ghi chú chung');
    expect(html).toMatch(/<option value="report-format">/u);
  });
});
