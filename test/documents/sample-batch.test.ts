// The documents of a real run of the bundled sample batch (Hưng Yên 2021): whatever the rules
// find, the minutes quote it, the decision ranks exactly the appraised units, and two runs
// give the same bytes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { OUTPUT_FILES } from '../../pipeline/documents/context.js';
import { withoutPaths } from '../../pipeline/documents/minutes.js';
import { SHEETS } from '../../pipeline/documents/workbook.js';
import type { RunOutcome } from '../../pipeline/run/run-batch.js';
import { runBatch } from '../../pipeline/run/run-batch.js';
import { packageRoot } from '../../pipeline/util/package-root.js';
import { formatScore } from '../../pipeline/util/text.js';
import { docxText } from './docx-text.js';

const SAMPLE = path.join(packageRoot(), 'fixtures', 'sample-batch');
const flat = (text: string) => text.replace(/\s+/gu, ' ');

describe('documents of the sample batch run', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'cchc-docs-'));
  const out = (n: number) => path.join(tmp, `out${n}`);
  let run: RunOutcome;
  beforeAll(async () => {
    run = await runBatch(SAMPLE, { out: out(1), cacheDir: inject('sharedCache') });
    await runBatch(SAMPLE, { out: out(2), cacheDir: inject('sharedCache') });
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const read = (rel: string, n = 1) => readFileSync(path.join(out(n), rel));

  it('writes minutes for every appraised unit and none for a unit that could not be appraised', () => {
    const written = new Set(run.summary.outputs);
    for (const unit of run.result.units) {
      expect(written.has(OUTPUT_FILES.minutes(unit.code)), unit.code).toBe(unit.status === 'ok');
    }
  });

  it('quotes in each unit\'s minutes every finding about it and the council\'s decisions', () => {
    // The minutes are those of round 1, on its snapshot; round 2 has minutes of its own (below).
    const closed = run.result.rounds?.filter((r) => r.status === 'closed') ?? [];
    const roundOne = closed.length > 1 ? closed[0]!.results! : run.result.units;
    for (const unit of roundOne.filter((u) => u.status === 'ok')) {
      const text = flat(docxText(read(OUTPUT_FILES.minutes(unit.code))));
      expect(text).toContain(unit.name);
      for (const c of unit.criteria) {
        // Batch-relative paths are shown as file names: the unit reads the minutes, not our folders.
        for (const f of c.findings) expect(text, `${unit.code} ${c.code}`).toContain(flat(withoutPaths(f.reason, unit)));
        if (c.council) expect(text).toContain(`Tổ thẩm định quyết định ${formatScore(c.appraised)} điểm (đề xuất ${formatScore(c.proposed)} điểm)`);
      }
      for (const f of unit.findings) expect(text).toContain(flat(withoutPaths(f.reason, unit)));
      expect(text).not.toMatch(/units\/[A-Z]/u);
      for (const e of unit.evidence.filter((x) => x.number)) expect(text, e.file).toContain(e.number!);
      expect(text).toContain(`Xếp loại đề xuất: ${unit.rating}`);
    }
  });

  it('breaks each total into criteria, survey, bonus and penalty points that add up to it (a survey sub-criterion counted once)', () => {
    const parse = (v: string) => Number(v.replace(',', '.'));
    const closed = run.result.rounds?.filter((r) => r.status === 'closed') ?? [];
    const roundOne = closed.length > 1 ? closed[0]!.results! : run.result.units;
    for (const unit of roundOne.filter((u) => u.status === 'ok')) {
      const text = flat(docxText(read(OUTPUT_FILES.minutes(unit.code))));
      const m = /Tổng điểm thẩm định: ([\d,]+) điểm, gồm điểm các tiêu chí ([\d,]+) điểm, điểm điều tra xã hội học ([\d,]+) điểm(?:, điểm thưởng ([\d,]+) điểm)?(?:, trừ ([\d,]+) điểm)?\./u.exec(text);
      expect(m, unit.code).not.toBeNull();
      const [, total, criteria, survey, bonus = '0', penalty = '0'] = m!;
      expect(parse(total!), unit.code).toBe(unit.appraisedTotal);
      expect(Math.round((parse(criteria!) + parse(survey!) + parse(bonus) - parse(penalty)) * 100) / 100, unit.code).toBe(unit.appraisedTotal);
    }
  });

  it('the round-2 minutes give both snapshots, the round-1 score, the supplement and the round-2 score, and what was not counted', () => {
    const [first, second] = run.result.rounds!;
    // 3.5 (`Quyết định 80/QĐ-STP`, a 150 dpi scan) is no longer asked for: its print reads once with
    // every character scored high and its digits the shape of the print around them (decided at 0.9, right).
    expect(second!.units.find((u) => u.code === 'STP')?.requested).toEqual(['1.2']);
    const text = flat(docxText(read(OUTPUT_FILES.roundMinutes('STP', 2))));
    // Round 2's series follows round 1's: one number per unit of batch.yaml, STP's place in it.
    const units = run.result.units.map((u) => u.code);
    expect(text).toContain(`Số: ${String(units.length + units.indexOf('STP') + 1).padStart(2, '0')}/BB-TTĐ`);
    expect(text).toContain('Hưng Yên, ngày 30 tháng 12 năm 2021');
    expect(text).toContain('Thẩm định kết quả bổ sung, giải trình lần 2 về Chỉ số cải cách hành chính năm 2021 của Sở Tư pháp');
    expect(text).toContain(first!.snapshot!.sha256);
    expect(text).toContain(second!.snapshot!.sha256);
    // 1.2: 0 in round 1 (no evidence, no explanation), the report supplemented, 1,5 in round 2.
    expect(text).toMatch(/1\.2 Thực hiện chế độ báo cáo CCHC định kỳ 1,5 0 Bổ sung tệp "Báo cáo 113-BC-STP\.pdf"\. Giải trình: "[^"]+" 1,5 \+1,5/u);
    expect(text).toContain('Tiêu chí 2.3.2: báo cáo tự đánh giá sửa điểm tự đánh giá 1 → 1,5, ngoài phạm vi Lần 2 (biên bản lần trước không yêu cầu): không được tính.');
    const stp = run.result.units.find((u) => u.code === 'STP')!;
    expect(text).toContain(`Tổng điểm thẩm định sau bổ sung, giải trình (Lần 2): ${formatScore(stp.appraisedTotal)} điểm`);
    expect(stp.criteria.find((c) => c.code === '2.3.2')?.self).toBe(1);
  });

  it('ranks exactly the appraised units in the decision\'s annex and shows the others as not appraised', () => {
    const text = docxText(read(OUTPUT_FILES.decision));
    const annex = text.slice(text.indexOf('Phụ lục'));
    const ranked = run.result.units.filter((u) => u.rank !== null).sort((a, b) => a.rank! - b.rank!);
    const positions = ranked.map((u) => annex.indexOf(`\n${u.name}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const u of run.result.units.filter((x) => x.status === 'error')) {
      expect(annex).toMatch(new RegExp(`${u.name}\\nChưa thẩm định được: `, 'u'));
    }
  });

  it('fills the workbook with one row per appraised unit and criterion, every finding and every evidence file', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(read(OUTPUT_FILES.workbook) as unknown as ArrayBuffer);
    const leaves = run.result.units.filter((u) => u.status === 'ok').reduce((s, u) => s + u.criteria.filter((c) => c.leaf).length, 0);
    const findings = run.result.findings.length + run.result.units.reduce(
      (s, u) => s + u.findings.length + u.criteria.reduce((k, c) => k + c.findings.length, 0), 0,
    );
    const evidence = run.result.units.reduce((s, u) => s + u.evidence.length, 0);
    const ranking = wb.getWorksheet(SHEETS.ranking)!;
    const unitRows = ranking.getColumn(3).values.filter((v, i) => i > 1 && typeof v === 'string' && !/^(DỰ THẢO|Lỗi:)/u.test(v));
    expect(unitRows).toHaveLength(run.result.units.length);
    // Below the ranking: the draft mark with its count, while criteria await the council.
    const pending = run.result.units.reduce((s, u) => s + (u.status === 'ok' ? u.pendingReview : 0), 0);
    expect(String(ranking.getCell(ranking.rowCount, 1).value)).toMatch(new RegExp(`^DỰ THẢO — còn ${pending} nội dung chờ Hội đồng kết luận: ${pending} tiêu chí chờ Hội đồng xem xét`, 'u'));
    expect(wb.getWorksheet(SHEETS.summary)!.rowCount - 1).toBe(leaves);
    expect(wb.getWorksheet(SHEETS.findings)!.rowCount - 1).toBe(findings);
    expect(wb.getWorksheet(SHEETS.evidence)!.rowCount - 1).toBe(evidence);
  });

  it('gives byte-identical DOCX and XLSX on a second run', () => {
    const documents = run.summary.outputs.filter((rel) => /\.(docx|xlsx)$/u.test(rel));
    expect(documents.length).toBeGreaterThan(2);
    for (const rel of documents) expect(read(rel, 2).equals(read(rel, 1)), rel).toBe(true);
  });
});
