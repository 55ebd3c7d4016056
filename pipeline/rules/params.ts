// Parameter pieces several rules share.
import { z } from 'zod';

/** A rule without parameters of its own. */
export const noParams = z.object({}).strict();

/** A list of criterion codes (YAML may give `1.1` as a number). */
export const criterionCodes = z
  .array(z.union([z.string(), z.number()]).transform((v) => String(v).trim()))
  .default([]);

/** `YYYY-MM-DD`. */
export const isoDateParam = z
  .preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), z.string().regex(/^\d{4}-\d{2}-\d{2}$/u));
