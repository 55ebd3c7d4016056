// The appraisal calendar (lịch thẩm định): rounds with their upload windows, in Vietnam time.
// Lào Cai 2021 §4: units self-score and upload until 20/12 (lần 1), the council appraises 21–25/12,
// the software reopens 26–31/12 for supplements and explanations (lần 2), then locks. Thái Nguyên
// 2024 §3: the software locks at 17:00 on 25/11/2024. Tuyên Quang 2023: 13–31/3/2024, then locked.
// A shared folder cannot be locked, so the pipeline is the clock: these are the deadlines it keeps.
import { z } from 'zod';

/** Vietnam has kept UTC+7 without daylight saving since 1975: a fixed offset, whatever the machine's zone. */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;

/** What a later round lets a unit change: what the previous round's minutes asked for, or anything. */
export type RoundScope = 'requested' | 'all';

/** One round of the calendar, as the pipeline uses it. */
export interface Round {
  /** 1-based position in the calendar. */
  index: number;
  /** `Lần 1`. */
  name: string;
  /** Start of the upload window (UTC instant, ISO 8601); absent for a first round open from the start. */
  from?: string;
  /**
   * End of the window (UTC instant, ISO 8601), exclusive: the start of the minute after the last one
   * written in batch.yaml, so `until: 2021-12-20T23:59` takes content first seen up to 23:59:59 (UTC+7)
   * and a bare date `until: 2021-12-31` the whole day.
   */
  until: string;
  /** `until` as written, for people: `23:59 ngày 20/12/2021`. */
  untilText: string;
  /** `from` as written, for people. */
  fromText?: string;
  /** Null for the first round (everything counts); later rounds `requested` (default) or `all`. */
  scope: RoundScope | null;
  /** Date of the council meeting on this round (its minutes' place-date line), `YYYY-MM-DD`. */
  meetingDate?: string;
  /** A snapshot the batch carries for this round (absolute path) and the SHA-256 it must have. */
  snapshot?: { file: string; sha256: string };
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/u;

/** YAML 1.1 readers give a Date for `2021-12-20T23:59` (read as UTC): take its digits back as written. */
const localTime = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 16) : v),
  z.string().trim().regex(LOCAL_TIME, {
    message: 'thời điểm phải có dạng YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM (giờ Việt Nam), ví dụ 2021-12-20T23:59',
  }),
);

export const roundSchema = z
  .object({
    name: z.string().trim().min(1),
    from: localTime.optional(),
    until: localTime.optional(),
    scope: z.enum(['requested', 'all'], { message: 'phạm vi (scope) là requested (chỉ nội dung biên bản lần trước yêu cầu) hoặc all' }).optional(),
    meetingDate: z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, { message: 'ngày phải có dạng YYYY-MM-DD' })).optional(),
    snapshot: z
      .object({
        file: z.string().trim().min(1),
        sha256: z.string().trim().regex(/^[0-9a-f]{64}$/u, { message: 'SHA-256 gồm 64 chữ số hệ 16 (chữ thường)' }),
      })
      .strict()
      .optional(),
  })
  .strict();

export type RoundInput = z.output<typeof roundSchema>;

/**
 * A local Vietnam wall-clock time (`2021-12-20T23:59` or `2021-12-20`) as a UTC instant.
 * `end`: the exclusive end of what is written (the next minute, or the next day for a bare date).
 * Returns null for a time that does not exist (`2021-02-30`, `24:10`).
 */
export function vietnamInstant(text: string, end: boolean): Date | null {
  const m = LOCAL_TIME.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hasTime = m[4] !== undefined;
  const [hour, minute] = hasTime ? [Number(m[4]), Number(m[5])] : [0, 0];
  if (hour > 23 || minute > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const step = end ? (hasTime ? 60_000 : 86_400_000) : 0;
  return new Date(wall + step - VIETNAM_OFFSET_MINUTES * 60_000);
}

/** `23:59 ngày 20/12/2021` (or `ngày 31/12/2021` for a bare date), as written in batch.yaml. */
export function describeLocalTime(text: string): string {
  const m = LOCAL_TIME.exec(text);
  if (!m) return text;
  const date = `${m[3]}/${m[2]}/${m[1]}`;
  return m[4] === undefined ? `ngày ${date}` : `${m[4]}:${m[5]} ngày ${date}`;
}

/** A UTC instant shown in Vietnam time: `2021-12-20 23:59:30 (UTC+7)`. */
export function formatVietnamTime(instant: string | Date): string {
  const t = new Date(new Date(instant).getTime() + VIETNAM_OFFSET_MINUTES * 60_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)} (UTC+7)`;
}

/**
 * Check the rounds of batch.yaml and give them their instants. Problems are Vietnamese sentences
 * naming the field (`rounds[1].until: …`); the caller reports them with the file name.
 * Rules: every round has `until`; `from` is before `until`; rounds follow one another without
 * overlapping; names are unique; the first round has no `scope` (nothing to supplement yet).
 */
export function parseCalendar(inputs: RoundInput[], resolve: (file: string) => string, problems: string[]): Round[] {
  const rounds: Round[] = [];
  const names = new Set<string>();
  inputs.forEach((r, i) => {
    const where = `rounds[${i}]`;
    if (names.has(r.name)) problems.push(`${where}.name: tên vòng "${r.name}" bị trùng`);
    names.add(r.name);
    if (r.until === undefined) {
      problems.push(`${where}.until: vòng "${r.name}" chưa có thời hạn (until); mỗi vòng cần thời điểm khóa, ví dụ until: 2021-12-20T23:59`);
      return;
    }
    const until = vietnamInstant(r.until, true);
    if (!until) {
      problems.push(`${where}.until: thời điểm ${r.until} không có thật trên lịch`);
      return;
    }
    const from = r.from === undefined ? null : vietnamInstant(r.from, false);
    if (r.from !== undefined && !from) {
      problems.push(`${where}.from: thời điểm ${r.from} không có thật trên lịch`);
      return;
    }
    if (from && from >= until) {
      problems.push(`${where}.from: vòng "${r.name}" bắt đầu (${describeLocalTime(r.from!)}) không trước thời hạn (${describeLocalTime(r.until)})`);
    }
    if (i === 0 && r.scope !== undefined) {
      problems.push(`${where}.scope: vòng đầu tiên không có phạm vi bổ sung (scope chỉ dùng cho các vòng sau)`);
    }
    const previous = rounds[rounds.length - 1];
    if (previous) {
      const start = from ?? until;
      if (start.getTime() < new Date(previous.until).getTime()) {
        problems.push(
          `${where}: vòng "${r.name}" (${r.from ? `từ ${describeLocalTime(r.from)}` : `hạn ${describeLocalTime(r.until)}`}) chồng lên vòng "${previous.name}" (hạn ${previous.untilText}); các vòng phải nối tiếp nhau`,
        );
      }
    }
    const round: Round = {
      index: i + 1,
      name: r.name,
      until: until.toISOString(),
      untilText: describeLocalTime(r.until),
      scope: i === 0 ? null : (r.scope ?? 'requested'),
    };
    if (from) {
      round.from = from.toISOString();
      round.fromText = describeLocalTime(r.from!);
    }
    if (r.meetingDate) round.meetingDate = r.meetingDate;
    if (r.snapshot) round.snapshot = { file: resolve(r.snapshot.file), sha256: r.snapshot.sha256 };
    rounds.push(round);
  });
  return rounds;
}

/** Rounds whose deadline has passed at `now`, in calendar order. */
export function roundsClosed(rounds: readonly Round[], now: Date): Round[] {
  return rounds.filter((r) => new Date(r.until).getTime() <= now.getTime());
}

/**
 * Which round a content first seen at `instant` belongs to: the first round whose window holds it
 * (a round without `from` opens when the previous one closes). Null: after the last deadline, or
 * between two windows (the software is locked there).
 */
export function roundAt(rounds: readonly Round[], instant: Date): Round | null {
  const t = instant.getTime();
  let opens = Number.NEGATIVE_INFINITY;
  for (const r of rounds) {
    const start = r.from ? new Date(r.from).getTime() : opens;
    const end = new Date(r.until).getTime();
    if (t >= start && t < end) return r;
    opens = end;
  }
  return null;
}

/** `Lần 1 (hạn 23:59 ngày 20/12/2021)`. */
export function roundLabel(round: Round): string {
  return `${round.name} (hạn ${round.untilText})`;
}
