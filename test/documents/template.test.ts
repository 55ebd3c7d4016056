import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseBatch } from '../../pipeline/batch/load-batch.js';
import { DECISION_SECTIONS, DECISION_TEMPLATE } from '../../pipeline/documents/decision.js';
import { MINUTES_SECTIONS, MINUTES_TEMPLATE, renderMinutes } from '../../pipeline/documents/minutes.js';
import { loadTemplate, parseMarkup, parseTemplate, templatePath } from '../../pipeline/documents/template.js';
import { CchcError } from '../../pipeline/util/errors.js';
import { packageRoot } from '../../pipeline/util/package-root.js';
import { docxText } from './docx-text.js';
import { context, units } from './fixture.js';

const SECTIONS = ['tieu-de', 'than'] as const;
const source = (body: string) => `{{!-- chú thích có {{{ ba ngoặc }}} vẫn được --}}\n=== tieu-de ===\nBIÊN BẢN\n=== than ===\n${body}\n`;
const text = (lines: ReturnType<ReturnType<typeof parseTemplate>['render']>) => lines.map((l) => l.map((r) => r.text).join(''));

describe('document templates', () => {
  it('renders each line of a section as one paragraph and drops blank lines', () => {
    const t = parseTemplate(source('Dòng một {{a}}\n\n{{#each ds}}\n- {{this}}\n{{/each}}'), 'mau.hbs', SECTIONS);
    expect(text(t.render('than', { a: 'A', ds: ['x', 'y'] }))).toEqual(['Dòng một A', '- x', '- y']);
    expect(text(t.render('tieu-de', {}))).toEqual(['BIÊN BẢN']);
  });

  it('turns <b>, <i> and <u> typed in the template into formatting: "<b>Điều 1.</b> Công bố"', () => {
    expect(parseMarkup('<b>Điều 1.</b> Công bố <i>Phụ lục</i>')).toEqual([
      { text: 'Điều 1.', bold: true }, { text: ' Công bố ' }, { text: 'Phụ lục', italic: true },
    ]);
  });

  it('escapes every value: markup inside a value stays literal text', () => {
    const t = parseTemplate(source('Tại {{noi}}'), 'mau.hbs', SECTIONS);
    const [line] = t.render('than', { noi: 'Phòng <b>họp</b> & "A"' });
    expect(line).toEqual([{ text: 'Tại Phòng <b>họp</b> & "A"' }]);
  });

  it('a value cannot start a paragraph or a section: line breaks become spaces', () => {
    const t = parseTemplate(source('Đơn vị: {{ten}}'), 'mau.hbs', SECTIONS);
    expect(text(t.render('than', { ten: 'Sở Tư pháp\n=== tieu-de ===\r\nx' }))).toEqual(['Đơn vị: Sở Tư pháp === tieu-de === x']);
  });

  it('strips control characters Word rejects from values (OCR text: "Sở\\u0001 Tư pháp\\u000B")', () => {
    const t = parseTemplate(source('{{ten}}'), 'mau.hbs', SECTIONS);
    expect(text(t.render('than', { ten: 'Sở\u0001 Tư pháp\u000B\uFFFF' }))).toEqual(['Sở Tư pháp']);
  });

  it('keeps runs of spaces a blank is made of: "Số:      /QĐ-UBND"', () => {
    const t = parseTemplate(source('Số: {{so}}'), 'mau.hbs', SECTIONS);
    expect(text(t.render('than', { so: '     /QĐ-UBND' }))).toEqual(['Số:      /QĐ-UBND']);
  });

  it('formats scores and dates with its helpers', () => {
    const t = parseTemplate(source('{{diem x}} điểm, {{ngay d}}, {{ngayNgan d}}, {{hoa s}}'), 'mau.hbs', SECTIONS);
    expect(text(t.render('than', { x: 12.5, d: '2022-01-05', s: 'Sở Tư pháp' }))).toEqual([
      '12,5 điểm, ngày 05 tháng 01 năm 2022, 05/01/2022, SỞ TƯ PHÁP',
    ]);
  });

  it('rejects {{{ }}}, which would insert a value unescaped', () => {
    expect(() => parseTemplate(source('{{{ten}}}'), 'mau.hbs', SECTIONS)).toThrow(/không dùng \{\{\{/u);
  });

  it('names a missing section, an unknown section and a misspelt value in Vietnamese', () => {
    expect(() => parseTemplate('=== tieu-de ===\nx\n', 'mau.hbs', SECTIONS)).toThrow(/thiếu phần "=== than ==="/u);
    expect(() => parseTemplate(`${source('x')}=== ket-luan ===\ny\n`, 'mau.hbs', SECTIONS)).toThrow(CchcError);
    const t = parseTemplate(source('{{donVi.tenn}}'), 'mau.hbs', SECTIONS);
    expect(() => t.render('than', { donVi: { ten: 'A' } })).toThrow(/mau\.hbs, phần "than"/u);
  });

  it('says a broken template\'s syntax in Vietnamese with its line in the file, never Handlebars\' English', () => {
    // source(): line 1 comment, 2 `=== tieu-de ===`, 3 BIÊN BẢN, 4 `=== than ===`, 5 the body.
    const unclosed = () => parseTemplate(source('Thành phần:\n{{#each thanhVien}} {{ten}}'), 'mau.hbs', SECTIONS);
    expect(unclosed).toThrow(/^Mẫu văn bản mau\.hbs, phần "than": đến hết phần \(dòng 7\) vẫn thiếu \{\{\/…\}\} đóng khối hoặc thiếu \}\}/u);
    const mismatched = () => parseTemplate(source('{{#if a}}x{{/each}}'), 'mau.hbs', SECTIONS);
    expect(mismatched).toThrow('dòng 5, cột 4: khối {{#if}} lại đóng bằng {{/each}}.');
    const open = () => parseTemplate(source('Ông {{ten'), 'mau.hbs', SECTIONS);
    expect(open).toThrow(/đến hết phần \(dòng 5\) vẫn thiếu .* gần "Ông \{\{ten"/u);
    const wrong = () => parseTemplate(source('Ông {{ten chucVu=}}'), 'mau.hbs', SECTIONS);
    expect(wrong).toThrow(/dòng 5: sai cú pháp mẫu \(viết sai trong \{\{ \}\}\), gần "Ông \{\{ten chucVu=\}\}"/u);
    const misspelt = parseTemplate(source('x\n{{donVi.tenn}}'), 'mau.hbs', SECTIONS);
    expect(() => misspelt.render('than', { donVi: { ten: 'A' } })).toThrow('dòng 6, cột 3: không có giá trị tên "tenn"');
    for (const broken of [unclosed, mismatched, open, wrong, () => misspelt.render('than', { donVi: {} })]) {
      const message = (() => { try { broken(); return ''; } catch (e) { return (e as Error).message; } })();
      expect(message).not.toMatch(/Parse error|Expecting|doesn't match|not defined/u);
    }
  });

  it('a misspelt list in {{#each}} or {{#with}} stops the render naming it, while an empty list prints nothing', () => {
    const misspelt = parseTemplate(source('Thành phần:\n  {{#each thanhVienn}}{{ten}}{{/each}}'), 'mau.hbs', SECTIONS);
    expect(() => misspelt.render('than', { thanhVien: [{ ten: 'A' }] })).toThrow(
      'Mẫu văn bản mau.hbs, phần "than": dòng 6, cột 3: không có danh sách hay giá trị tên "thanhVienn"',
    );
    expect(misspelt.render('than', { thanhVienn: [] }).map((l) => l.map((r) => r.text).join(''))).toEqual(['Thành phần:']);
    const within = parseTemplate(source('{{#with hoiDongg}}{{ten}}{{/with}}'), 'mau.hbs', SECTIONS);
    expect(() => within.render('than', { hoiDong: { ten: 'A' } })).toThrow(/dòng 5, cột 1: .*"hoiDongg"/u);
    const parent = parseTemplate(source('{{#each donVi}}{{#each ../tieuChii}}x{{/each}}{{/each}}'), 'mau.hbs', SECTIONS);
    expect(() => parent.render('than', { donVi: [{}], tieuChi: [] })).toThrow(/"\.\.\/tieuChii"/u);
  });

  it('prefers the batch\'s own template folder and falls back to the bundled templates', () => {
    expect(templatePath(MINUTES_TEMPLATE, '/khong/co/thu-muc')).toMatch(/templates[/\\]bien-ban-tham-dinh\.hbs$/u);
  });

  it('the bundled templates have every section their documents place', async () => {
    await expect(loadTemplate(templatePath(MINUTES_TEMPLATE), MINUTES_SECTIONS)).resolves.toBeDefined();
    await expect(loadTemplate(templatePath(DECISION_TEMPLATE), DECISION_SECTIONS)).resolves.toBeDefined();
  });
});

describe('a batch\'s own templates', () => {
  it('batch.yaml `templates: mau-van-ban` resolves against the batch folder', () => {
    const sample = parseYaml(readFileSync(path.join(packageRoot(), 'fixtures', 'sample-batch', 'batch.yaml'), 'utf8')) as object;
    const root = path.resolve('/tmp/dot-mau');
    expect(parseBatch({ ...sample, templates: 'mau-van-ban' }, root).templates).toBe(path.join(root, 'mau-van-ban'));
    expect(parseBatch(sample, root).templates).toBeUndefined();
  });

  it('replace the bundled prose when batch.yaml names a templates folder', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-templates-'));
    try {
      const bundled = readFileSync(templatePath(MINUTES_TEMPLATE), 'utf8');
      writeFileSync(path.join(dir, MINUTES_TEMPLATE), bundled.replace('=== ten-loai ===\nBIÊN BẢN\n', '=== ten-loai ===\nBIÊN BẢN HỌP TỔ THẨM ĐỊNH\n'));
      const text = docxText(await renderMinutes(context({ batch: { templates: dir } }), units[0]!, 0));
      expect(text).toContain('BIÊN BẢN HỌP TỔ THẨM ĐỊNH');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
