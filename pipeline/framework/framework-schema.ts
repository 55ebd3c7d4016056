// The framework file (YAML): areas → criteria → sub-criteria, scoring and rule settings.
import { z } from 'zod';

const code = z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1));

const evidenceSchema = z
  .object({
    required: z.boolean().default(true),
    types: z.array(z.string()).default([]),
    ownIssuer: z.boolean().default(false),
    deadline: z
      .string()
      .regex(/^(\d{4}-)?\d{2}-\d{2}$/u, { message: 'hạn ban hành phải có dạng MM-DD hoặc YYYY-MM-DD' })
      .optional(),
    lateScore: z.number().min(0).optional(),
  })
  .strict();

const figureSchema = z
  .object({
    unit: z.string().trim().min(1),
    label: z.string().trim().min(1).optional(),
    ratio: z.boolean().default(false),
    brackets: z.array(z.object({ min: z.number(), max: z.number().optional(), score: z.number().min(0) }).strict()).min(1),
  })
  .strict();

export interface CriterionInput {
  code: string;
  title: string;
  max?: number | undefined;
  survey: boolean;
  tieBreak?: boolean | undefined;
  evidence?: z.output<typeof evidenceSchema> | undefined;
  figure?: z.output<typeof figureSchema> | undefined;
  children: CriterionInput[];
}

const criterionSchema: z.ZodType<CriterionInput, unknown> = z.lazy(() =>
  z
    .object({
      code,
      title: z.string().min(1),
      max: z.number().min(0).optional(),
      survey: z.boolean().default(false),
      tieBreak: z.boolean().optional(),
      evidence: evidenceSchema.optional(),
      figure: figureSchema.optional(),
      children: z.array(criterionSchema).default([]),
    })
    .strict(),
);

// Each rule's own parameters are validated against that rule's schema (rule-settings.ts).
const ruleSettingSchema = z.record(z.string(), z.unknown());

const monthDay = z.string().regex(/^\d{2}-\d{2}$/u, { message: 'phải có dạng MM-DD' });

export const frameworkSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    province: z.string().min(1),
    level: z.enum(['so', 'huyen', 'xa']),
    year: z.number().int().optional(),
    source: z.string().optional(),
    scoring: z
      .object({
        scale: z.number().positive().default(100),
        bands: z.array(z.object({ label: z.string().min(1), min: z.number() }).strict()).min(1),
        downgrade: z
          .object({ areaBelow: z.number().min(0).max(100), from: z.array(z.string()).min(1), areas: z.array(code).min(1).optional() })
          .strict()
          .optional(),
        bonusMax: z.number().min(0).default(0),
        penaltyMax: z.number().min(0).default(0),
        normaliseAdjustments: z.boolean().default(true),
        assumed: z.string().min(1).optional(),
      })
      .strict(),
    dataWindow: z
      .object({ from: monthDay, fromPreviousYear: z.boolean().default(false), to: monthDay, cutoff: monthDay.optional() })
      .strict()
      .optional(),
    rules: z.record(z.string(), ruleSettingSchema).default({}),
    areas: z
      .array(
        z
          .object({
            code,
            title: z.string().min(1),
            kind: z.enum(['content', 'survey']).default('content'),
            appraiser: z.string().min(1).optional(),
            criteria: z.array(criterionSchema).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type FrameworkInput = z.output<typeof frameworkSchema>;
