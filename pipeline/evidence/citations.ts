// Documents cited in another document's body (`Quyết định số 29/2019/QĐ-UBND ngày 19/9/2019`), with
// their dates when the citation gives one, to cross-check a unit's explanation against its evidence.
import type { Citation } from '../model.js';
import { isoDateOf } from '../util/dates.js';
import { normaliseExtractedText } from './normalise-text.js';
import { parseDocumentNumber } from './parse-header.js';

const CITED_NUMBER = /(?<![\p{L}\d/])\d{1,5}[a-zA-Z]?\s*\/\s*(?:\d{4}\s*\/\s*)?\p{Lu}[\p{L}\d&]*(?:\s?-\s?[\p{L}\d&]+)*/gu;
const SHORT_DATE = /^[^\d/;]{0,30}?\bngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/u;
const LONG_DATE = /^[^\d/;]{0,30}?\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;
/** Where a citation's own words start: the document kind just before its number. */
const LEAD_IN = /(?:Nghị quyết|Nghị định|Quyết định|Chỉ thị|Thông tư|Kế hoạch|Công văn|Văn bản|Báo cáo|Hướng dẫn|Tờ trình|Thông báo|Luật|Đề án|Chương trình|Biên bản)(?:\s+liên tịch)?\s+(?:số\s+)?$/iu;

/** Every document number cited in `text` other than `ownNumber`, once each, in order. */
export function parseCitations(raw: string, ownNumber: string | null): Citation[] {
  const text = normaliseExtractedText(raw).text;
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const m of text.matchAll(CITED_NUMBER)) {
    const parsed = parseDocumentNumber(`Số: ${m[0]}`);
    if (!parsed?.number || parsed.number === ownNumber) continue;
    const end = m.index + m[0].length;
    const rest = text.slice(end, end + 80);
    const dm = SHORT_DATE.exec(rest) ?? LONG_DATE.exec(rest);
    const date = dm ? isoDateOf(Number(dm[1]), Number(dm[2]), Number(dm[3])) : null;
    const key = `${parsed.number}|${date ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const lead = LEAD_IN.exec(before)?.[0] ?? (/số\s+$/iu.exec(before)?.[0] ?? '');
    const citationText = `${lead}${m[0]}${dm ? rest.slice(0, dm[0].length) : ''}`.replace(/\s+/gu, ' ').trim();
    out.push({ number: parsed.number, date, text: citationText });
  }
  return out;
}
