// Every bundled framework loads, validates, sums to 100, says what it is modeled on, and lists every
// rule explicitly so a province's choices read in one place.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultDataWindow } from '../../pipeline/framework/data-window.js';
import { bundledFrameworksDir, leafCriteria, listBundledFrameworks, parseFramework } from '../../pipeline/framework/load-framework.js';
import { RULES } from '../../pipeline/rules/index.js';
import { bundled } from './support/batch.js';

const EXPECTED = [
  'hai-cap-2025-so', 'hai-cap-2025-xa', 'hung-yen-2021-so', 'lao-cai-2021-so', 'tam-duong-2019-huyen', 'tam-duong-2019-xa',
  'thai-nguyen-2024-so', 'tuyen-quang-2023-so',
];

describe('bundled frameworks', () => {
  it('one per seed province, Tam Đường for districts and communes, and the two-tier model', async () => {
    expect(await listBundledFrameworks()).toEqual(EXPECTED);
  });

  it.each(EXPECTED)('%s loads, and its header says what it is modeled on and what follows Hưng Yên', async (id) => {
    const text = await readFile(path.join(bundledFrameworksDir(), `${id}.yaml`), 'utf8');
    expect(text.startsWith('# ')).toBe(true);
    expect(text.slice(0, text.indexOf('\nid:'))).toMatch(/Modeled on/u);
    if (id !== 'hung-yen-2021-so') expect(text.slice(0, text.indexOf('\nid:'))).toMatch(/Hưng Yên methodology/u);
    const framework = await bundled(id);
    expect(framework.id).toBe(id);
    expect(framework.areas.reduce((s, a) => s + a.max, 0)).toBeCloseTo(100, 6);
    expect(leafCriteria(framework).some((e) => e.criterion.tieBreak)).toBe(true);
    expect(leafCriteria(framework).some((e) => e.criterion.survey)).toBe(true);
    expect(defaultDataWindow(framework, framework.year ?? 0)).not.toBeNull();
    const raw = parse(text) as { rules: Record<string, unknown> };
    expect(Object.keys(raw.rules).sort()).toEqual(RULES.map((r) => r.id).sort());
  });
});

describe('framework validation speaks to the person editing the file', () => {
  const base = () => ({
    id: 'x', name: 'x', province: 'x', level: 'so',
    scoring: { scale: 10, bands: [{ label: 'Đạt', min: 50 }, { label: 'Chưa đạt', min: 0 }] },
    rules: {} as Record<string, unknown>,
    areas: [{ code: '1', title: 'A', criteria: [{ code: '1.1', title: 'B', max: 10, evidence: { types: ['KH'], deadline: '01-15', lateScore: 0.5 } }] }],
  });
  const problems = (data: unknown) => {
    try {
      parseFramework(data, 'x.yaml');
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it.each([
    { name: 'an unknown rule', rules: { 'suffix-number': {} }, says: 'rules.suffix-number: không có quy tắc này' },
    { name: 'an effect the rule cannot have', rules: { 'suffixed-number': { effect: 'cap' } }, says: 'rules.suffixed-number.effect: "cap" không hợp lệ; quy tắc này chỉ nhận zero, review, exclude' },
    { name: 'a misspelt parameter', rules: { 'data-window': { exempts: ['1.1'] } }, says: 'rules.data-window' },
    { name: 'a wrong parameter value', rules: { 'unsigned-evidence': { accept: ['fax'] } }, says: 'rules.unsigned-evidence.accept[0]' },
    { name: 'an exemption for a criterion that does not exist', rules: { 'data-window': { exempt: ['9.9'] } }, says: 'rules.data-window.exempt: không có tiêu chí 9.9' },
  ])('$name', ({ rules, says }) => {
    expect(problems({ ...base(), rules })).toContain(says);
  });

  it('a type code outside Decree 30 Appendix III', () => {
    const data = base();
    data.areas[0]!.criteria[0]!.evidence.types = ['KL'];
    expect(problems(data)).toContain('tiêu chí 1.1: loại văn bản "KL" không có trong Phụ lục III Nghị định 30/2020/NĐ-CP (dùng CV cho công văn)');
  });

  it('defaults: a rule not mentioned takes its own default', () => {
    const framework = parseFramework(base(), 'x.yaml');
    expect(framework.rules['suffixed-number']).toEqual({ enabled: false, effect: 'zero' });
    expect(framework.rules['data-window']).toEqual({ enabled: true, effect: 'review', exempt: [] });
    expect(framework.rules['unreadable-evidence']).toEqual({ enabled: true, effect: 'review', minConfidence: 0.8 });
  });
});

describe('frameworks/README.md documents every rule', () => {
  it('one table row per rule, with its phase and effects', async () => {
    const readme = await readFile(path.join(bundledFrameworksDir(), 'README.md'), 'utf8');
    for (const rule of RULES) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${rule.id}\` |`));
      expect(row, rule.id).toBeDefined();
      expect(row).toContain(`| ${rule.phase} | ${rule.effects.map((e) => `\`${e}\``).join(', ')} | ${rule.enabledByDefault ? 'on' : 'off'} |`);
    }
  });
});
