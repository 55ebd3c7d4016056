import { z } from 'zod';
import type { Extraction, Framework } from '../model.js';
import { issuerBody } from './cited-documents.js';
import { aboutFile, capitalise, effectClause, evidenceLabel, percent } from './describe.js';
import { batchIssuers, criteriaAskingOwn, unitName, type BatchIssuers } from './own-issuer.js';
import { FrameworkMemo } from './memo.js';
import { defineRule, type EvidenceRecord, type RuleContext, type RuleReport } from './rule.js';

/**
 * An evidence file whose content (SHA-256) another unit of the batch also filed. Evidence proves
 * the unit's own results: Hưng Yên art. 5.1a has each unit score itself on "kết quả thực hiện tại
 * cơ quan, đơn vị mình" with "tài liệu kiểm chứng chứng minh cho các kết quả đạt được"; Lào Cai §2 and
 * Tam Đường §1b make the unit "chịu trách nhiệm về tính chính xác" of what it explains. No seed says
 * that a file identical to another unit's is not evidence, so this is a secretariat check: it never
 * zeroes or excludes, it sends to the council (`review`, the rule's effect) or records (`info`).
 *
 * Per file, naming the other unit(s) and their path(s):
 * - the document appears to be issued by another unit that filed it too: its issuer code, read with
 *   confidence, is that unit's code, declared `issuerCodes` or usual issuer as `own-issuer` infers it
 *   (with own-issuer's `usualShare`) → the rule's effect; except a document filed by `commonUnits`
 *   units or more (a guidance one unit sent to the others), which is `info` unless the next case holds;
 * - the unit shares at least `folderFiles` distinct files, and at least `folderShare` of its distinct
 *   files, with one other unit (a copied folder), its own documents and, for departments (`so`), the
 *   province's (`…-UBND`) not counted → the rule's effect;
 * - otherwise `info`: the unit's own document another unit filed too, or a common document (a UBND
 *   tỉnh decision several units legitimately file), or one whose issuer was not read with confidence.
 * `…-UBND` is never a unit's usual issuer, and at district and commune level (where every people's
 * committee signs `…-UBND`) no unit's at all.
 */
export const sharedEvidence = defineRule({
  id: 'shared-evidence',
  description: 'Tài liệu kiểm chứng trùng khớp hoàn toàn với tệp của đơn vị khác trong đợt: văn bản của đơn vị đó hoặc hồ sơ trùng nhiều tệp thì Hội đồng xem xét',
  phase: 'evidence',
  effects: ['review', 'info'],
  enabledByDefault: true,
  params: z
    .object({
      folderFiles: z.number().int().min(1).default(3),
      folderShare: z.number().min(0).max(1).default(0.3),
      commonUnits: z.number().int().min(3).default(3),
    })
    .strict(),
  check({ evidence, unit, batch, batchEvidence, framework, effect, params, trusted }) {
    if (batchEvidence.size < 2) return [];
    const holders = holdersByContent(batchEvidence);
    const othersOf = (record: EvidenceRecord) => {
      const byUnit = holders.get(record.extraction.sha256);
      return byUnit ? [...byUnit].filter(([code]) => code !== unit.code) : [];
    };
    const sharing = evidence.map((record) => ({ record, others: othersOf(record) })).filter((s) => s.others.length > 0);
    if (sharing.length === 0) return [];

    const usualShare = Number(framework.rules['own-issuer']?.usualShare ?? 0.4);
    const issuers = batchIssuers(batch.units, batchEvidence, framework, criteriaAskingOwn(framework), usualShare, trusted);
    const ownersOf = (e: Extraction) => {
      const body = readIssuer(e, trusted);
      return { body, owners: body ? unitsOfBody(body, issuers, framework.level) : [] };
    };
    const overlap = folderOverlap(unit.code, batchEvidence, holders, framework, ownersOf);
    const name = (code: string) => unitName(batch.units, code);

    const reports: RuleReport[] = [];
    for (const { record, others } of sharing) {
      const { body, owners } = ownersOf(record.extraction);
      const filedBy = others.length + 1;
      const issuing = filedBy < params.commonUnits ? others.filter(([code]) => owners.includes(code)) : [];
      const copied = others.filter(([code]) => {
        const n = overlap.byUnit.get(code) ?? 0;
        return n >= params.folderFiles && n >= params.folderShare * overlap.total;
      });
      let why: string;
      let chosen: RuleReport['effect'] = effect;
      if (issuing.length > 0) {
        why = `văn bản mang ký hiệu ${body} của ${issuing.map(([code]) => name(code)).join(', ')}, nên có thể là hồ sơ của đơn vị đó chứ không phải kết quả thực hiện của ${name(unit.code)}`;
      } else if (owners.length === 1 && owners[0] === unit.code) {
        chosen = 'info';
        const them = others.map(([code]) => name(code)).join(', ');
        why = `văn bản mang ký hiệu ${body} của chính đơn vị; việc ${them} nộp lại văn bản này được xem xét trong hồ sơ của ${others.length > 1 ? 'các đơn vị' : 'đơn vị'} đó`;
      } else if (copied.length > 0) {
        why = copied
          .map(([code]) => `đơn vị có ${overlap.byUnit.get(code)} trong số ${overlap.total} tệp tài liệu kiểm chứng trùng khớp với tệp của ${name(code)}`)
          .join('; ')
          + ` (từ ${params.folderFiles} tệp và từ ${percent(params.folderShare)} số tệp của đơn vị trở lên), có dấu hiệu sao chép hồ sơ của đơn vị khác`;
      } else {
        chosen = 'info';
        why = commonReason(body, owners, filedBy, params.commonUnits, name);
      }
      reports.push({
        effect: chosen,
        ...(body ? { basis: ['number' as const] } : {}),
        reason: `${capitalise(evidenceLabel(record))} trùng khớp hoàn toàn về nội dung (cùng mã SHA-256) với ${othersLabel(others, name)}; ${why}; ${effectClause(chosen)}.`,
        ...aboutFile(record),
      });
    }
    return reports;
  },
});

/** Why a shared file is only recorded: whose it looks like, or that it could not be told. */
function commonReason(body: string | null, owners: string[], filedBy: number, commonUnits: number, name: (code: string) => string): string {
  if (filedBy >= commonUnits) return `văn bản được ${filedBy} đơn vị cùng nộp, có thể là văn bản gửi chung các đơn vị`;
  if (!body) return 'chưa đọc được chắc chắn ký hiệu cơ quan ban hành và số tệp trùng chưa đến mức sao chép hồ sơ';
  if (owners.length > 0) return `văn bản mang ký hiệu ${body} của ${owners.map(name).join(', ')}, không phải của các đơn vị cùng nộp, có thể là văn bản gửi chung các đơn vị`;
  return `văn bản mang ký hiệu ${body}, không phải của đơn vị nào trong đợt, có thể là văn bản chung (của UBND tỉnh, bộ, ngành…) mà các đơn vị cùng sử dụng`;
}

/** `tệp "units/STP/evidence/1.1/a.pdf" của Sở Tư pháp (STP) và các tệp "…", "…" của …`. */
function othersLabel(others: [string, EvidenceRecord[]][], name: (code: string) => string, maxUnits = 5): string {
  const shown = others.slice(0, maxUnits).map(([code, records]) => {
    const paths = [...new Set(records.map((r) => r.file.relPath))].map((p) => `"${p}"`);
    return `${paths.length > 1 ? 'các tệp' : 'tệp'} ${paths.join(', ')} của ${name(code)}`;
  });
  if (others.length > maxUnits) shown.push(`${others.length - maxUnits} đơn vị khác`);
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} và ${shown[shown.length - 1]}` : shown.join('');
}

/** The issuer body of a reading trusted for its number, else null. */
function readIssuer(e: Extraction, trusted: RuleContext['trusted']): string | null {
  if (e.status !== 'ok' || !e.issuerCode || !trusted(e, 'number')) return null;
  return issuerBody(e.issuerCode) || null;
}

/**
 * The units an issuer body belongs to: the unit whose code or `issuerCodes` it is, and the units whose
 * usual issuer it is (own-issuer's inference). `UBND` is the people's committees': never inferred,
 * and at district and commune level no single unit's.
 */
function unitsOfBody(body: string, issuers: BatchIssuers, level: Framework['level']): string[] {
  if (body === 'UBND' && level !== 'so') return [];
  const stated = issuers.stated.get(body);
  const usual = body === 'UBND' ? [] : (issuers.usual.get(body) ?? []);
  return [...new Set([...(stated === undefined ? [] : [stated]), ...usual])];
}

type Holders = Map<string, Map<string, EvidenceRecord[]>>;
const holdersCache = new WeakMap<ReadonlyMap<string, EvidenceRecord[]>, Holders>();

/**
 * Whether two files' equal SHA-256 says anything: not for empty files (every empty file has the same
 * one; unreadable-evidence reports each). Unreadable files with content do count: identical bytes
 * need no reading to show a copy.
 */
function comparable(record: EvidenceRecord): boolean {
  return record.file.size > 0;
}

/**
 * Content (SHA-256) → unit code → the unit's files with it, for the contents two or more units filed
 * (most are one unit's: they are not kept); built once per batch evidence.
 */
function holdersByContent(batchEvidence: ReadonlyMap<string, EvidenceRecord[]>): Holders {
  const known = holdersCache.get(batchEvidence);
  if (known) return known;
  const firstHolder = new Map<string, string>();
  const shared = new Set<string>();
  for (const [code, records] of batchEvidence) {
    for (const record of records) {
      const sha = record.extraction.sha256;
      if (!sha || !comparable(record)) continue;
      const first = firstHolder.get(sha);
      if (first === undefined) firstHolder.set(sha, code);
      else if (first !== code) shared.add(sha);
    }
  }
  const holders: Holders = new Map();
  for (const [code, records] of batchEvidence) {
    for (const record of records) {
      const sha = record.extraction.sha256;
      if (!shared.has(sha) || !comparable(record)) continue;
      let byUnit = holders.get(sha);
      if (!byUnit) holders.set(sha, (byUnit = new Map()));
      byUnit.set(code, [...(byUnit.get(code) ?? []), record]);
    }
  }
  holdersCache.set(batchEvidence, holders);
  return holders;
}

interface Overlap {
  /** The unit's distinct files (contents). */
  total: number;
  /** Other unit → distinct files it shares with this unit, own and province documents left out. */
  byUnit: Map<string, number>;
}

const overlapCache = new FrameworkMemo<ReadonlyMap<string, EvidenceRecord[]>, string, Overlap>();

/**
 * How many of a unit's files each other unit also filed; once per unit and framework (which sets
 * the readings' trust), not once per criterion.
 */
function folderOverlap(
  code: string, batchEvidence: ReadonlyMap<string, EvidenceRecord[]>, holders: Holders, framework: Framework,
  ownersOf: (e: Extraction) => { body: string | null; owners: string[] },
): Overlap {
  return overlapCache.get(batchEvidence, framework, code, () => {
    const contents = new Map<string, Extraction>();
    for (const r of batchEvidence.get(code) ?? []) if (r.extraction.sha256 && !contents.has(r.extraction.sha256)) contents.set(r.extraction.sha256, r.extraction);
    const byUnit = new Map<string, number>();
    for (const [sha, e] of contents) {
      if (!holders.has(sha)) continue;
      const { body, owners } = ownersOf(e);
      if (owners.length === 1 && owners[0] === code) continue;
      if (framework.level === 'so' && body === 'UBND') continue;
      for (const other of holders.get(sha)?.keys() ?? []) if (other !== code) byUnit.set(other, (byUnit.get(other) ?? 0) + 1);
    }
    return { total: contents.size, byUnit };
  });
}
