// Dates and numbers as Vietnamese administrative documents write them (Decree 30/2020, Appendix I).

function parts(iso: string): { d: number; m: number; y: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  if (!match) return null;
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** Day below 10 and months 1–2 take a leading zero: `05`, `01`, `02`, but `3`…`12`. */
const day = (d: number) => String(d).padStart(2, '0');
const month = (m: number) => (m <= 2 ? String(m).padStart(2, '0') : String(m));

/** `2022-01-05` → `ngày 05 tháng 01 năm 2022`. */
export function longDate(iso: string): string {
  const p = parts(iso);
  return p ? `ngày ${day(p.d)} tháng ${month(p.m)} năm ${p.y}` : iso;
}

/** `2018-07-27` → `27/7/2018`, the short form body text cites documents with. */
export function shortDate(iso: string): string {
  const p = parts(iso);
  return p ? `${day(p.d)}/${month(p.m)}/${p.y}` : iso;
}

/** Blank day and month for the records office to fill: `ngày      tháng      năm 2022`. */
export function blankDate(year: number): string {
  return `ngày      tháng      năm ${year}`;
}

/** The italic line of the header: `Hưng Yên, ngày 20 tháng 12 năm 2021`. */
export function placeDateLine(place: string, iso: string | undefined, blankYear: number): string {
  return `${place}, ${iso ? longDate(iso) : blankDate(blankYear)}`;
}

/** The number of a document in its series: `01`, `12`, `125`. */
export function documentNumeral(n: number): string {
  return String(n).padStart(2, '0');
}

const ROMAN: Array<[number, string]> = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

export function roman(n: number): string {
  let rest = n;
  let out = '';
  for (const [value, symbol] of ROMAN) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}

/** Upper case as Vietnamese writes it (`Sở Tư pháp` → `SỞ TƯ PHÁP`). */
export function upper(text: string): string {
  return text.toLocaleUpperCase('vi-VN');
}
