// batch.yaml: one province-year appraisal round.
import { z } from 'zod';
import { roundSchema } from '../rounds/calendar.js';
import { isoDate } from '../util/validation.js';

const text = z.string().trim().min(1);
const code = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^[\p{L}\p{N}_.&-]+$/u, { message: 'mã chỉ gồm chữ, số và các dấu _ . & -' }));

export const STANDARD_GROUPS = [
  { code: 'so', name: 'Sở, ban, ngành' },
  { code: 'huyen', name: 'UBND cấp huyện' },
  { code: 'xa', name: 'UBND cấp xã' },
] as const;

export const batchSchema = z
  .object({
    province: text,
    year: z.number().int().min(2000).max(2100),
    title: text.optional(),
    framework: text.optional(),
    dataWindow: z.object({ from: isoDate, to: isoDate }).strict(),
    cutoff: isoDate.optional(),
    groups: z
      .array(z.object({ code, name: text, framework: text.optional() }).strict())
      .min(1)
      .optional(),
    council: z
      .object({
        name: text,
        parentBody: text,
        body: text,
        minutesSymbol: text,
        minutesStart: z.number().int().min(1).default(1),
        place: text,
        meetingPlace: text,
        meetingDate: isoDate,
        meetingTime: z.string().trim().regex(/^([01]?\d|2[0-3]):[0-5]\d$/u, { message: 'giờ họp có dạng HH:MM, ví dụ 08:30' }).optional(),
        members: z.array(z.object({ name: text, title: text, role: text }).strict()).min(1),
      })
      .strict(),
    decision: z
      .object({
        parentBody: text.optional(),
        issuingBody: text,
        symbol: text,
        place: text,
        date: isoDate.optional(),
        authority: text,
        bases: z.array(text).min(1),
        proposal: text.optional(),
        executors: text,
        recipients: z.array(text).min(1),
        signer: z.object({ prefixes: z.array(text).default([]), title: text, name: text }).strict(),
      })
      .strict(),
    units: z.array(z.object({ code, name: text, group: code, issuerCodes: z.array(text).min(1).optional() }).strict()).min(1),
    inputs: z
      .object({
        survey: text.optional(),
        adjustments: text.optional(),
        councilDecisions: text.optional(),
        /** Corrections files saved from the audit pages (hieu-chinh-<MÃ>.json), one or several. */
        corrections: z.union([text, z.array(text)]).optional(),
      })
      .strict()
      .default({}),
    /** The calendar: rounds and their deadlines, in Vietnam time (pipeline/rounds/calendar.ts). */
    rounds: z.array(roundSchema).min(1).optional(),
    /** Folder of the batch's own document templates (same file names as the bundled templates/). */
    templates: text.optional(),
    /** Folder of the certificates the province trusts (root and intermediate CAs, PEM/DER) for signature chains. */
    trust: text.optional(),
  })
  .strict();

export type BatchInput = z.output<typeof batchSchema>;
