// CTC decoding restricted to digits. A text recognizer (PP-OCR) gives, for each frame of a crop
// (a column about 8 px wide at 48 px height), a probability for every character it knows plus the
// CTC blank. A handwritten numeral or day holds only digits, so each frame is folded to 11
// classes: blank (the blank itself and every non-digit character: the printed slash, a stray
// letter of `Số:`, stamp ink) and the ten digits. On those, candidates come from a prefix beam
// search and any string's probability from the CTC forward pass, so a value the unit claims can
// be scored on the ink even when it is not the recognizer's first choice.

/** Per-frame probabilities folded to blank + digits: `frames[t][0]` blank, `frames[t][1 + d]` digit d. */
export type DigitFrames = Float64Array[];

/** A digit string the ink may hold, with its probability under the recognizer (0–1). */
export interface DigitCandidate {
  digits: string;
  /** Probability of exactly this string over all alignments (CTC forward), 0–1. */
  probability: number;
  /** For each digit, the highest probability any of its frames gave it, 0–1. */
  charScores: number[];
}

/**
 * Letters a text recognizer reads for a handwritten digit, by digit. A blank that holds only digits
 * makes such a letter the digit: a pen's `1` is a bar (`I`, `l`, `|`), its `0` a ring (`O`, `o`),
 * its `2` a `Z`; and the full-width digits (`２`, `６`) of a Chinese-trained recognizer are digits. Letters that also spell the printed words next to a blank
 * (`ngày`, `tháng`, the symbol's capitals) or that stand for several digits are left out.
 */
export const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = { '0': 'Oo０', '1': 'Il|!１', '2': 'Zz２', '3': '３', '4': '４', '5': '５', '6': '６', '7': '７', '8': '８', '9': '９' };

/**
 * Letters read for a pen's digit in a day's or month's blank, which sits between the words `ngày`,
 * `tháng`, `năm` (none of these letters is in them, and no slash or capital is printed there): a
 * ring left open at the top or side (`C`, `U`) is a `0`, a bare stroke read as a slash (`/`, `\`,
 * a `1` written leaning) a `1`, and `q` a `9`. Not for a numeral, whose blank ends at the printed
 * slash of the symbol (`Số: 46/CT-UBND`).
 */
/**
 * Letters read for a pen's digit in a numeral's blank, between `Số:` and the symbol's slash, where
 * only the clerk's ink is: besides DIGIT_LOOKALIKES, a `1` written with a foot reads as `L`
 * (`L958` for `1958`) and a `4` written open at the top as `H` (real-headers h13: `H532` for
 * `4532`; no type code or issuer starts the blank's ink, and the generated sets read the same with
 * it, no wrong claim taken). Not `g` or `q` for a 9: a pen's `8` reads as `g` too (a `98` claimed `99`
 * was taken on the generated set).
 */
export const NUMERAL_LOOKALIKES: Readonly<Record<string, string>> = { ...DIGIT_LOOKALIKES, '1': `${DIGIT_LOOKALIKES['1']}L`, '4': `${DIGIT_LOOKALIKES['4']}H` };

export const DATE_LOOKALIKES: Readonly<Record<string, string>> = { ...DIGIT_LOOKALIKES, '0': `${DIGIT_LOOKALIKES['0']}CcUu`, '1': `${DIGIT_LOOKALIKES['1']}/\\`, '9': `${DIGIT_LOOKALIKES['9']}q` };

/**
 * Folds a recognizer's output to blank + digits.
 * `probs` is row-major `[frames × classes]` softmax output; `digitClass[d]` is the class index of
 * digit d (from the model's dictionary); class 0 is the CTC blank (PaddleOCR's convention).
 * `lookalikeClass[d]` (optional) lists the classes of letters read for digit d (DIGIT_LOOKALIKES),
 * whose probability goes to d. Every other character goes to the blank. Frames whose digit mass is
 * 0 become pure blank.
 */
export function foldToDigits(probs: Float32Array | Float64Array, classes: number, digitClass: readonly number[], lookalikeClass: readonly (readonly number[])[] = []): DigitFrames {
  if (digitClass.length !== 10) throw new Error('foldToDigits: need the class of each of the ten digits');
  const frames: DigitFrames = [];
  const count = Math.floor(probs.length / classes);
  for (let t = 0; t < count; t += 1) {
    const row = new Float64Array(11);
    let total = 0;
    let digits = 0;
    for (let c = 0; c < classes; c += 1) total += probs[t * classes + c] ?? 0;
    for (let d = 0; d < 10; d += 1) {
      let p = Math.max(0, probs[t * classes + (digitClass[d] ?? 0)] ?? 0);
      for (const c of lookalikeClass[d] ?? []) p += Math.max(0, probs[t * classes + c] ?? 0);
      row[1 + d] = p;
      digits += p;
    }
    row[0] = Math.max(0, (total > 0 ? total : 1) - digits);
    const sum = row[0] + digits;
    for (let k = 0; k < 11; k += 1) row[k] = sum > 0 ? (row[k] ?? 0) / sum : k === 0 ? 1 : 0;
    frames.push(row);
  }
  return frames;
}

/** The best path: the most probable class per frame, repeats merged, blanks removed. */
export function bestPath(frames: DigitFrames): DigitCandidate {
  let digits = '';
  const charScores: number[] = [];
  let previous = 0;
  for (const row of frames) {
    let best = 0;
    for (let k = 1; k < 11; k += 1) if ((row[k] ?? 0) > (row[best] ?? 0)) best = k;
    if (best !== 0 && best !== previous) {
      digits += String(best - 1);
      charScores.push(row[best] ?? 0);
    } else if (best !== 0) {
      charScores[charScores.length - 1] = Math.max(charScores[charScores.length - 1] ?? 0, row[best] ?? 0);
    }
    previous = best;
  }
  return { digits, probability: labelProbability(frames, digits), charScores };
}

/**
 * Probability that the frames spell exactly `digits` (CTC forward pass over all alignments), 0–1.
 * Throws on a non-digit character. The empty string's probability is that of all frames blank.
 */
export function labelProbability(frames: DigitFrames, digits: string): number {
  if (!/^\d*$/u.test(digits)) throw new Error(`labelProbability: "${digits}" is not a digit string`);
  const label = [...digits].map((c) => 1 + Number(c));
  // Extended label: blank, l1, blank, l2, …, blank.
  const ext: number[] = [0];
  for (const l of label) ext.push(l, 0);
  const S = ext.length;
  if (frames.length === 0) return label.length === 0 ? 1 : 0;
  let alpha = new Float64Array(S);
  let logScale = 0;
  const first = frames[0] ?? new Float64Array(11);
  alpha[0] = first[0] ?? 0;
  if (S > 1) alpha[1] = first[ext[1] ?? 0] ?? 0;
  for (let t = 1; t < frames.length; t += 1) {
    const row = frames[t] ?? new Float64Array(11);
    const next = new Float64Array(S);
    for (let s = 0; s < S; s += 1) {
      let a = (alpha[s] ?? 0) + (s > 0 ? (alpha[s - 1] ?? 0) : 0);
      const k = ext[s] ?? 0;
      if (s > 1 && k !== 0 && k !== ext[s - 2]) a += alpha[s - 2] ?? 0;
      next[s] = a * (row[k] ?? 0);
    }
    // Rescale each frame so long crops do not underflow.
    let sum = 0;
    for (let s = 0; s < S; s += 1) sum += next[s] ?? 0;
    if (sum === 0) return 0;
    for (let s = 0; s < S; s += 1) next[s] = (next[s] ?? 0) / sum;
    logScale += Math.log(sum);
    alpha = next;
  }
  const end = (alpha[S - 1] ?? 0) + (S > 1 ? (alpha[S - 2] ?? 0) : 0);
  return end > 0 ? Math.exp(Math.log(end) + logScale) : 0;
}

/**
 * The `width` most probable digit strings (CTC prefix beam search), most probable first, each with
 * its exact probability and per-digit scores. Strings longer than `maxLength` are dropped.
 */
export function beamCandidates(frames: DigitFrames, width = 8, maxLength = 6): DigitCandidate[] {
  // prefix → [p ending in blank, p ending in its last digit]
  let beams = new Map<string, [number, number]>([['', [1, 0]]]);
  for (const row of frames) {
    const next = new Map<string, [number, number]>();
    const add = (prefix: string, blank: number, digit: number) => {
      const entry = next.get(prefix) ?? [0, 0];
      entry[0] += blank;
      entry[1] += digit;
      next.set(prefix, entry);
    };
    for (const [prefix, [pb, pd]] of beams) {
      const total = pb + pd;
      add(prefix, total * (row[0] ?? 0), 0);
      const last = prefix.length > 0 ? Number(prefix[prefix.length - 1]) : -1;
      for (let d = 0; d < 10; d += 1) {
        const p = row[1 + d] ?? 0;
        if (p < 1e-6) continue;
        if (d === last) {
          add(prefix, 0, pd * p); // the same digit held over frames
          if (prefix.length < maxLength) add(prefix + String(d), 0, pb * p); // a repeat after a blank
        } else if (prefix.length < maxLength) {
          add(prefix + String(d), 0, total * p);
        }
      }
    }
    const kept = [...next.entries()].sort((a, b) => b[1][0] + b[1][1] - (a[1][0] + a[1][1])).slice(0, width * 2);
    // Renormalise so the search itself cannot underflow; exact probabilities come from the forward pass.
    const mass = kept.reduce((s, [, [b, d]]) => s + b + d, 0) || 1;
    beams = new Map(kept.map(([k, [b, d]]) => [k, [b / mass, d / mass] as [number, number]]));
  }
  const strings = [...beams.entries()].sort((a, b) => b[1][0] + b[1][1] - (a[1][0] + a[1][1])).slice(0, width).map(([k]) => k);
  return strings
    .map((digits) => ({ digits, probability: labelProbability(frames, digits), charScores: charScoresOf(frames, digits) }))
    .sort((a, b) => b.probability - a.probability);
}

/** Per-digit scores of `digits` along its most probable alignment (Viterbi). */
export function charScoresOf(frames: DigitFrames, digits: string): number[] {
  const label = [...digits].map((c) => 1 + Number(c));
  if (label.length === 0) return [];
  const ext: number[] = [0];
  for (const l of label) ext.push(l, 0);
  const S = ext.length;
  const T = frames.length;
  const NEG = -Infinity;
  const score: Float64Array[] = [];
  const from: Int32Array[] = [];
  const log = (p: number) => (p > 0 ? Math.log(p) : NEG);
  for (let t = 0; t < T; t += 1) {
    const row = frames[t] ?? new Float64Array(11);
    const cur = new Float64Array(S).fill(NEG);
    const back = new Int32Array(S).fill(-1);
    for (let s = 0; s < S; s += 1) {
      const emit = log(row[ext[s] ?? 0] ?? 0);
      if (t === 0) {
        if (s <= 1) cur[s] = emit;
        continue;
      }
      const prev = score[t - 1] ?? new Float64Array(S);
      let best = prev[s] ?? NEG;
      let arg = s;
      if (s > 0 && (prev[s - 1] ?? NEG) > best) {
        best = prev[s - 1] ?? NEG;
        arg = s - 1;
      }
      const k = ext[s] ?? 0;
      if (s > 1 && k !== 0 && k !== ext[s - 2] && (prev[s - 2] ?? NEG) > best) {
        best = prev[s - 2] ?? NEG;
        arg = s - 2;
      }
      cur[s] = best + emit;
      back[s] = arg;
    }
    score.push(cur);
    from.push(back);
  }
  const last = score[T - 1] ?? new Float64Array(S);
  let s = (last[S - 1] ?? NEG) >= (last[S - 2] ?? NEG) ? S - 1 : S - 2;
  if (!Number.isFinite(last[s] ?? NEG)) return label.map(() => 0);
  const scores = label.map(() => 0);
  for (let t = T - 1; t >= 0; t -= 1) {
    const k = ext[s] ?? 0;
    if (k !== 0) {
      const i = (s - 1) / 2;
      scores[i] = Math.max(scores[i] ?? 0, frames[t]?.[k] ?? 0);
    }
    s = from[t]?.[s] ?? 0;
    if (s < 0) break;
  }
  return scores;
}

/** Frames of one crop as stored with a reading: per frame, 11 steps of −log10(p)·20 (0 = certain, 99 ≈ 1e-5 or less). */
export type StoredFrames = number[][];

/** Steps per decade of the stored probabilities (a step is a factor of 1.12) and the last step (p ≤ 1e-5). */
const STEPS_PER_DECADE = 20;
const LAST_STEP = 99;
/** A frame this sure of the blank is one of a run of empty paper, which one such frame stands for. */
const EMPTY_FRAME = 0.999;

/**
 * A crop's frames in a compact, JSON-safe form for the reading (and its cache): each probability
 * on a log scale of 20 steps a decade, down to 1e-5, and each run of empty-paper frames (blank at
 * least 0.999) kept as one, which changes no string's probability by more than that run's own.
 * decodeFrames is its inverse, up to a step (±6 %).
 */
export function encodeFrames(frames: DigitFrames): StoredFrames {
  const out: StoredFrames = [];
  let emptyBefore = false;
  for (const row of frames) {
    const empty = (row[0] ?? 0) >= EMPTY_FRAME;
    if (empty && emptyBefore) continue;
    emptyBefore = empty;
    out.push([...row].map((p) => (p > 0 ? Math.min(LAST_STEP, Math.max(0, Math.round(-Math.log10(p) * STEPS_PER_DECADE))) : LAST_STEP)));
  }
  return out;
}

/** Frames back from their stored form (encodeFrames), each frame renormalised to sum to 1. Throws on a frame that is not 11 steps. */
export function decodeFrames(stored: StoredFrames): DigitFrames {
  return stored.map((steps) => {
    if (steps.length !== 11) throw new Error(`decodeFrames: a frame has ${steps.length} classes, not 11`);
    const row = new Float64Array(steps.map((q) => 10 ** (-q / STEPS_PER_DECADE)));
    const sum = row.reduce((s, p) => s + p, 0);
    return row.map((p) => p / sum);
  });
}
