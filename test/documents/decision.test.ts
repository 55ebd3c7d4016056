import { beforeAll, describe, expect, it } from 'vitest';
import { renderDecision } from '../../pipeline/documents/decision.js';
import { docxParagraphs, docxParts, docxText, type DocxParagraph } from './docx-text.js';
import { batch, context } from './fixture.js';

const find = (paragraphs: DocxParagraph[], text: string) => paragraphs.find((p) => p.text === text);

describe('Quyết định công bố Chỉ số CCHC (ranking decision)', () => {
  let doc: Buffer;
  let paragraphs: DocxParagraph[];
  let text: string;
  beforeAll(async () => {
    doc = await renderDecision(context());
    paragraphs = docxParagraphs(doc);
    text = docxText(doc);
  });

  it('leaves the number and the day blank for the records office: "Số:      /QĐ-UBND"', () => {
    expect(text).toMatch(/ỦY BAN NHÂN DÂN\s+TỈNH HƯNG YÊN/u);
    expect(find(paragraphs, 'Số:      /QĐ-UBND')).toBeDefined();
    expect(find(paragraphs, 'Hưng Yên, ngày      tháng      năm 2022')?.xml).toContain('<w:i/>');
  });

  it('prints the date when batch.yaml gives it, in the header and in the annex', async () => {
    const dated = docxText(await renderDecision(context({ batch: { decision: { ...batch.decision, date: '2022-02-05' } } })));
    expect(dated).toContain('Hưng Yên, ngày 05 tháng 02 năm 2022');
    expect(dated).toContain('(Kèm theo Quyết định số      /QĐ-UBND ngày 05 tháng 02 năm 2022 của Ủy ban nhân dân tỉnh Hưng Yên)');
  });

  it('has its title and summary, then the authority', () => {
    expect(find(paragraphs, 'QUYẾT ĐỊNH')?.xml).toContain('<w:b/>');
    expect(text.replace(/\n/gu, ' ')).toContain('Công bố Chỉ số cải cách hành chính năm 2021 của các sở, ban, ngành tỉnh Hưng Yên');
    expect(find(paragraphs, 'ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN')?.xml).toContain('<w:b/>');
  });

  it('sets the căn cứ lines in italic, each ending ";" and the last "."', () => {
    const bases = paragraphs.filter((p) => /^(Căn cứ|Theo đề nghị)/u.test(p.text));
    expect(bases.map((p) => p.text)).toEqual([
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
      'Căn cứ Quyết định số 1708/QĐ-UBND ngày 14 tháng 7 năm 2021 của UBND tỉnh;',
      'Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số      /TTr-SNV.',
    ]);
    for (const p of bases) expect(p.xml).toContain('<w:i/>');
  });

  it('decides in Điều 1–3, and says which units are not announced and why', () => {
    const decides = paragraphs.findIndex((p) => p.text === 'QUYẾT ĐỊNH:');
    expect(decides).toBeGreaterThan(0);
    const article = (n: number) => paragraphs.find((p) => p.text.startsWith(`Điều ${n}. `));
    expect(article(1)?.text).toBe('Điều 1. Công bố Chỉ số cải cách hành chính năm 2021 của các sở, ban, ngành tỉnh Hưng Yên (chi tiết tại Phụ lục kèm theo Quyết định này).');
    expect(article(1)?.xml).toMatch(/<w:b\/>[\s\S]*Điều 1\./u);
    expect(article(2)).toBeDefined();
    expect(article(3)?.text).toBe('Điều 3. Chánh Văn phòng UBND tỉnh; Giám đốc Sở Nội vụ; Thủ trưởng các sở, ban, ngành tỉnh chịu trách nhiệm thi hành Quyết định này./.');
    expect(text).toContain('Chưa công bố Chỉ số cải cách hành chính năm 2021 đối với Sở Giao thông vận tải (báo cáo tự đánh giá không đọc được)');
  });

  it('puts "Nơi nhận" in 12 bold italic with its list in 11, ending "- Lưu: VT, NC."', () => {
    const label = find(paragraphs, 'Nơi nhận:')!;
    expect(label.xml).toContain('<w:b/>');
    expect(label.xml).toContain('<w:i/>');
    expect(label.xml).toContain('<w:sz w:val="24"/>');
    const start = paragraphs.indexOf(label);
    const items = paragraphs.slice(start + 1, start + 5);
    expect(items.map((p) => p.text)).toEqual(['- Như Điều 3;', '- Bộ Nội vụ (b/c);', '- Cổng thông tin điện tử tỉnh;', '- Lưu: VT, NC.']);
    for (const p of items) expect(p.xml).toContain('<w:sz w:val="22"/>');
  });

  it('signs with the TM./KT. prefixes, the position and the name', () => {
    const lines = paragraphs.map((p) => p.text);
    const at = lines.indexOf('TM. ỦY BAN NHÂN DÂN');
    expect(lines.slice(at, at + 4)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn Phong']);
  });

  it('annexes the ranking per group on a landscape page: STT, unit, score, index, area indexes, rating, rank', () => {
    const xml = docxParts(doc)['word/document.xml']!;
    const sections = [...xml.matchAll(/<w:pgSz [^>]*\/>/gu)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    expect(sections[1]).toContain('w:orient="landscape"');
    expect(xml).toContain('<w:pgNumType w:start="1"/>');
    expect(xml).not.toContain('w:type="pct"');

    const lines = paragraphs.map((p) => p.text);
    const annex = lines.indexOf('Phụ lục');
    expect(annex).toBeGreaterThan(0);
    const after = lines.slice(annex);
    expect(after).toContain('I. SỞ, BAN, NGÀNH');
    for (const header of ['STT', 'Cơ quan, đơn vị', 'Tổng điểm', 'Chỉ số CCHC (%)', 'Xếp loại', 'Xếp hạng', '(1)', '(2)', '(3)']) {
      expect(after).toContain(header);
    }
    const row = (name: string) => after.slice(after.indexOf(name) - 1, after.indexOf(name) + 8);
    expect(row('Sở Tư pháp')).toEqual(['1', 'Sở Tư pháp', '9,5', '95', '100', '100', '75', 'Xuất sắc', '1']);
    expect(row('Sở Y tế')).toEqual(['3', 'Sở Y tế', '9', '90', '100', '57,14', '100', 'Tốt', '3']);
    const order = ['Sở Tư pháp', 'Sở Xây dựng', 'Sở Y tế', 'Sở Giao thông vận tải'].map((n) => after.indexOf(n));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('shows a unit that could not be appraised honestly, unranked, with the reason', () => {
    const lines = paragraphs.map((p) => p.text);
    const at = lines.lastIndexOf('Sở Giao thông vận tải');
    expect(lines.slice(at - 1, at + 2)).toEqual(['4', 'Sở Giao thông vận tải', 'Chưa thẩm định được: báo cáo tự đánh giá không đọc được.']);
  });

  it('notes under the table the tie the online-services criterion broke and the downgraded rating', () => {
    expect(text).toContain(
      '- Sở Xây dựng, Sở Y tế cùng đạt chỉ số 90%; thứ hạng xác định theo điểm các tiêu chí 2.1 (Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến): Sở Xây dựng 2 điểm, Sở Y tế 1 điểm.',
    );
    expect(text).toContain('- Sở Y tế: chỉ số 90% thuộc mức Xuất sắc, xếp loại Tốt do lĩnh vực (2) đạt 57,14%, dưới 70%.');
  });
});
