// Issue 12, words a clerk can use: the council's own kind, the framework's published name, the
// valid-evidence sentence from the framework's settings, the draft mark, and the annex header that
// LibreOffice repeats on later pages without clipping "Chỉ số CCHC (%)".
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDecision } from '../../pipeline/documents/decision.js';
import { councilKind, evidenceRequirement, publishedName } from '../../pipeline/documents/minutes.js';
import { loadFramework } from '../../pipeline/framework/load-framework.js';
import { ruleLabel } from '../../pipeline/rules/names.js';
import { RULES } from '../../pipeline/rules/index.js';
import { docxParts, docxText } from './docx-text.js';
import { context, result } from './fixture.js';

describe('words in the minutes', () => {
  it.each([
    ['Hội đồng thẩm định Chỉ số CCHC tỉnh Lào Cai', 'Hội đồng thẩm định'],
    ['Tổ thẩm định Chỉ số cải cách hành chính tỉnh', 'Tổ thẩm định'],
    ['Đoàn thẩm định của UBND tỉnh', 'Đoàn thẩm định'],
  ])('the council "%s" is a %s', (name, kind) => {
    expect(councilKind(name)).toBe(kind);
  });

  it('prints a bundled framework\'s name without "(mẫu)"', () => {
    expect(publishedName('Bộ Chỉ số CCHC các sở, ban, ngành tỉnh năm 2025 (chính quyền địa phương hai cấp, mẫu)'))
      .toBe('Bộ Chỉ số CCHC các sở, ban, ngành tỉnh năm 2025 (chính quyền địa phương hai cấp)');
    expect(publishedName('Bộ Chỉ số CCHC tỉnh (mẫu)')).toBe('Bộ Chỉ số CCHC tỉnh');
  });

  it.each([
    ['thai-nguyen-2024-so', 'Tài liệu kiểm chứng phải là văn bản điện tử có chữ ký số; số, ký hiệu văn bản theo đúng quy định tại Nghị định số 30/2020/NĐ-CP, không dùng số có chữ cái kèm theo.'],
    ['lao-cai-2021-so', /^Tài liệu kiểm chứng phải là bản chụp \(scan\) văn bản giấy hoặc văn bản điện tử có chữ ký số; /u],
    ['hung-yen-2021-so', /^Tài liệu kiểm chứng phải là văn bản đã ban hành, có đủ số, ký hiệu và ngày ban hành; /u],
  ])('the valid-evidence sentence follows %s\'s unsigned-evidence settings', async (id, expected) => {
    const sentence = evidenceRequirement(await loadFramework(id, process.cwd()));
    if (typeof expected === 'string') expect(sentence).toBe(expected);
    else expect(sentence).toMatch(expected);
  });
});

describe('rule names', () => {
  it('every rule id has a Vietnamese name beside it', () => {
    for (const rule of RULES) expect(ruleLabel(rule.id), rule.id).toMatch(new RegExp(`^[^()]+ \\(${rule.id}\\)$`, 'u'));
    expect(ruleLabel('report-format')).toBe('Báo cáo tự đánh giá (report-format)');
  });

  it('so has every finding kind the stages outside the rules raise (`…_RULE = \'id\'`, `rule: \'id\'` in pipeline/)', () => {
    const ids = new Set<string>();
    for (const file of readdirSync('pipeline', { recursive: true }) as string[]) {
      if (!file.endsWith('.ts')) continue;
      const source = readFileSync(path.join('pipeline', file), 'utf8');
      for (const m of source.matchAll(/(?:_RULE = |rule: )'([a-z][a-z-]+)'/gu)) ids.add(m[1]!);
    }
    expect(ids).toContain('corrections-file');
    for (const id of ids) expect(ruleLabel(id), id).toMatch(new RegExp(`^[^()]+ \\(${id}\\)$`, 'u'));
  });
});

describe('the decision draft', () => {
  it('says "DỰ THẢO — còn N nội dung chờ Hội đồng kết luận" and names a batch input that could not be read', async () => {
    const inputErrors = [{ input: 'survey' as const, file: 'dieu-tra.xlsx', reason: 'chưa có kết quả điều tra xã hội học: tệp dieu-tra.xlsx không đọc được (đây là tệp Excel 97–2003 (.xls))' }];
    const pending = result.units.reduce((s, u) => s + u.criteria.filter((c) => c.leaf && c.review && !c.council).length, 0);
    const text = docxText(await renderDecision(context({ result: { inputErrors } })));
    expect(text).toContain(`DỰ THẢO — còn ${pending + 1} nội dung chờ Hội đồng kết luận`);
    expect(text).toContain('(Chưa có kết quả điều tra xã hội học: tệp dieu-tra.xlsx không đọc được (đây là tệp Excel 97–2003 (.xls)))');
  });

  it('gives the annex header rows a minimum height that holds "Chỉ số CCHC (%)" across both rows', async () => {
    const xml = docxParts(await renderDecision(context()))['word/document.xml']!;
    const annex = xml.slice(xml.lastIndexOf('Chỉ số CCHC (%)') - 20000);
    const header = /<w:tr>(?:(?!<\/w:tr>).)*?<w:tblHeader\/>(?:(?!<\/w:tr>).)*?<\/w:tr>/su.exec(annex.slice(annex.indexOf('<w:tr>', annex.lastIndexOf('<w:tbl>'))))?.[0] ?? '';
    const height = /<w:trHeight w:val="(\d+)" w:hRule="atLeast"\/>/u.exec(header);
    // Three lines of 12 pt bold in a 1000-twip column need more than one row's default height.
    expect(Number(height?.[1])).toBeGreaterThanOrEqual(2 * 12 * 20);
  });
});
