// Who signed, as a party: the issuing body of the document (or its parent), or a records office
// that scanned the paper original and signed the scan (Văn phòng UBND, "Trung tâm Công báo và Tin
// học", the VGCA signing service): normal, and said so (DOMAIN.md, "Scanned and then signed").
//
// Names are compared as people write them: NFC, any case, with or without diacritics (`Uỷ`/`Ủy`,
// `SỞ`/`Sở`), common abbreviations expanded (`UBND` = Ủy ban nhân dân, `TP` = thành phố, `GD&ĐT`
// = Giáo dục và Đào tạo…), punctuation and `và` ignored. A Decree 30/2020/NĐ-CP header (Appendix I,
// item 1) names the parent body (cơ quan chủ quản) on line 1 and the issuer on line 2; the number's
// symbol ends with the issuer's abbreviation (Appendix III: `KH-SXD` = Sở Xây dựng).
import type { CertificateInfo, SignatureCheck } from '../../model.js';

/** The bodies a document's signer may be: its issuer and the issuer's parent, as the batch and the document name them. */
export interface IssuingBodies {
  /** The issuer's names (header line 2; the unit whose evidence it is). */
  issuer: string[];
  /** The parent body's names (header line 1: `UBND TỈNH HƯNG YÊN`). */
  parent: string[];
  /** The issuer's abbreviation in the document's symbol (`SXD` of `30a/KH-SXD`; `SGDĐT-GDTH` of a công văn, issuer first), when read. */
  issuerCode?: string | null;
}

/** Every way of writing `parts` with or without a space between neighbours: `['gd', 'đt']` → `gd đt`, `gdđt`. */
function spacings(parts: string[]): string[] {
  return parts.slice(1).reduce((heads, part) => heads.flatMap((h) => [`${h} ${part}`, `${h}${part}`]), [parts[0] ?? '']);
}


/** Abbreviations as whole words, each part optionally spaced (`gd ?đt`: `gdđt` and `gd đt`). */
const ABBREVIATIONS: Array<[string[], string]> = ([
  ['ubnd', 'ủy ban nhân dân'],
  ['hđnd', 'hội đồng nhân dân'],
  ['tp', 'thành phố'],
  ['tx', 'thị xã'],
  ['vp', 'văn phòng'],
  ['gd ?đt', 'giáo dục đào tạo'],
  ['kh ?đt', 'kế hoạch đầu tư'],
  ['tt ?tt', 'thông tin truyền thông'],
  ['lđ ?tb ?xh', 'lao động thương binh xã hội'],
  ['nn ?ptnt', 'nông nghiệp phát triển nông thôn'],
  ['tn ?mt', 'tài nguyên môi trường'],
  ['vh ?tt ?dl', 'văn hóa thể thao du lịch'],
  ['gt ?vt', 'giao thông vận tải'],
] as const).map(([abbreviation, expansion]) => [spacings(abbreviation.split(' ?')), expansion]);

/**
 * A name as words: NFC, lower case, punctuation and `&` as spaces, abbreviations expanded, `và`
 * dropped; diacritics kept (they tell `quận` from `quản`, `báo` from `Bảo`).
 */
function words(text: string): string {
  // Words between single spaces, so a whole-word match is a match of ` word `: no Unicode-aware
  // look-around regex per abbreviation (those cost about 5 ms per name).
  let out = ` ${text.normalize('NFC').toLocaleLowerCase('vi').replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  for (const [spellings, expansion] of ABBREVIATIONS) {
    for (const spelling of spellings) {
      while (out.includes(` ${spelling} `)) out = out.replace(` ${spelling} `, ` ${expansion} `);
    }
  }
  return out.split(' ').filter((w) => w !== '' && w !== 'và').join(' ');
}

/** Diacritics removed (`đ` → `d`): `Uỷ`/`Ủy`, and names typed without marks, compare equal. */
function strip(text: string): string {
  return text.replace(/đ/gu, 'd').normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/**
 * A name folded for comparison: `words`, then diacritics removed. `Ủy ban nhân dân tỉnh Hưng Yên`,
 * `UBND TỈNH HƯNG YÊN` and `Uỷ ban nhân dân tỉnh Hưng Yên` all fold to `uy ban nhan dan tinh hung yen`.
 */
export function foldName(text: string): string {
  return strip(words(text));
}

/** Bodies whose job includes signing scans of other bodies' documents. */
const RECORDS_OFFICE = ['văn phòng', 'công báo', 'văn thư', 'lưu trữ', 'vgca', 'một cửa', 'phục vụ hành chính công'];

/** Words an organisation's name has and a person's does not (with diacritics: `Bảo` is a name, `báo` a newspaper). */
const ORGANISATION = [
  'sở', 'ủy ban', 'uỷ ban', 'hội đồng', 'văn phòng', 'trung tâm', 'phòng', 'ban', 'bộ', 'cục', 'chi cục', 'tổng cục', 'trường', 'bệnh viện',
  'công ty', 'viện', 'đài', 'báo', 'thanh tra', 'kho bạc', 'công an', 'tỉnh ủy', 'tỉnh uỷ', 'huyện ủy', 'huyện uỷ', 'đảng ủy', 'đảng uỷ', 'chính phủ', 'vgca',
];

/** Whether `words` (as `words()` gives them) holds one of `terms` as whole words. */
function hasAny(words: string, terms: readonly string[]): boolean {
  const padded = ` ${words} `;
  return terms.some((term) => padded.includes(` ${term} `));
}

/** Words that open the place an administrative name ends with. */
const PLACE_WORDS = ['tỉnh', 'thành phố', 'huyện', 'quận', 'thị xã', 'thị trấn', 'xã', 'phường'].map((p) => p.split(' '));

/**
 * The place an administrative name ends with, from the first place word followed by a name:
 * `ủy ban nhân dân tỉnh hưng yên` → core `ủy ban nhân dân`, place `hưng yên` (not the `xã` of `xã hội`).
 */
function splitPlace(w: string): { core: string; place: string } | null {
  const tokens = w.split(' ');
  for (let i = 0; i < tokens.length; i += 1) {
    for (const parts of PLACE_WORDS) {
      if (!parts.every((part, k) => tokens[i + k] === part)) continue;
      const rest = tokens.slice(i + parts.length);
      if (rest.length === 0 || (parts.length === 1 && parts[0] === 'xã' && rest[0] === 'hội')) continue;
      return { core: tokens.slice(0, i).join(' '), place: rest.join(' ') };
    }
  }
  return null;
}

interface Body {
  /** Folded (see `foldName`). */
  name: string;
  /** The name without its place, folded: `so xay dung` of `Sở Xây dựng tỉnh Hưng Yên`. */
  core: string;
  /** The place, folded; null when the name has none. */
  place: string | null;
  recordsOffice: boolean;
  organisation: boolean;
}

/** Bodies already folded, by their text: a run compares the same few names for every signature. */
const folded = new Map<string, Body>();

function bodyOf(text: string): Body {
  let body = folded.get(text);
  if (!body) {
    if (folded.size >= 10_000) folded.clear();
    body = foldBody(text);
    folded.set(text, body);
  }
  return body;
}

function foldBody(text: string): Body {
  const w = words(text);
  const split = splitPlace(w);
  return {
    name: strip(w),
    core: strip(split ? split.core : w),
    place: split ? strip(split.place) : null,
    recordsOffice: hasAny(w, RECORDS_OFFICE),
    organisation: hasAny(w, ORGANISATION),
  };
}

/** One folded name starts with the other, as whole words (`so xay dung` and `so xay dung tinh hung yen`; not `van phong uy ban…` and `uy ban…`). */
function sameBody(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  return `${a} `.startsWith(`${b} `) || `${b} `.startsWith(`${a} `);
}

/** Same place: one holds the other as whole words (`hung yen`, `thanh pho hung yen`). */
function samePlace(a: string, b: string): boolean {
  return ` ${a} `.includes(` ${b} `) || ` ${b} `.includes(` ${a} `);
}

function initials(body: Body): string {
  return body.core.split(' ').map((w) => w[0] ?? '').join('');
}

/**
 * The signing party: the first of the certificate's CN, OU, O that names an organisation (a
 * person's CN is skipped: then OU or O says whose staff they are), its place from the name, else
 * from L or ST.
 */
function signingBody(signer: CertificateInfo): Body | null {
  const locality = [signer.locality, signer.state].filter((n): n is string => n !== null).map(foldName);
  for (const field of [signer.commonName, signer.organisationalUnit, signer.organisation]) {
    if (field === null) continue;
    const body = bodyOf(field);
    if (!body.organisation) continue;
    return { ...body, place: body.place ?? locality[0] ?? null };
  }
  return null;
}

/**
 * The signer's role for a document whose issuing bodies are `bodies`:
 * - `issuer` when the signing body (see `signingBody`) is the issuer, by name or by the symbol's
 *   abbreviation, or is its parent (the parent signs for it); a body of the same name in another
 *   province or district (`Sở Xây dựng tỉnh Bắc Ninh` for Hưng Yên's) is not;
 * - `records-office` when it is a records office (Văn phòng, Công báo, văn thư, lưu trữ, bộ phận một
 *   cửa, VGCA) and not itself the issuer: signing a scan, which is normal;
 * - `other` otherwise (also when the certificate names no organisation).
 * Null when there is no signer certificate. Pure.
 */
export function signerRole(check: Pick<SignatureCheck, 'signer'>, bodies: IssuingBodies): SignatureCheck['role'] | null {
  const signer = check.signer;
  if (!signer) return null;
  const body = signingBody(signer);
  if (!body) return 'other';
  const issuers = bodies.issuer.map(bodyOf).filter((b) => b.name.length >= 4);
  const parents = bodies.parent.map(bodyOf).filter((b) => b.name.length >= 4);
  const places = [...issuers, ...parents].flatMap((b) => (b.place ? [b.place] : []));
  // A body named for another place is another body, whatever its name.
  const here = body.place === null || places.length === 0 || places.some((p) => samePlace(p, body.place as string));
  if (!here) return body.recordsOffice ? 'records-office' : 'other';
  const isIssuer = issuers.some((b) => sameBody(body.name, b.name) || (body.core.length >= 4 && body.core === b.core));
  if (isIssuer) return 'issuer';
  // A công văn's symbol is issuer-drafting unit (`SGDĐT-GDTH`, Decree 30 Appendix III): the issuer is its first part.
  const codes = bodies.issuerCode ? [bodies.issuerCode, bodies.issuerCode.split('-')[0] ?? ''].map((c) => foldName(c).replace(/ /gu, '')) : [];
  if (codes.some((code) => code.length >= 2 && initials(body) === code) && !body.recordsOffice) return 'issuer';
  if (body.recordsOffice) return 'records-office';
  if (parents.some((p) => p.name === body.name || (p.core === body.core && (p.place === null || body.place === null || samePlace(p.place, body.place))))) return 'issuer';
  return 'other';
}
