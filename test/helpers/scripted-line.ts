// A handwriting recognizer's line output, scripted: one character per frame, `-` the CTC blank,
// every other character certain. For tests of what reads the recognizer's lines.
import type { LineOutput } from '../../pipeline/evidence/handwriting/recognizer.js';

/** The characters a scripted line may hold (index 0 is the blank). */
const CHARS = ['', ...'0123456789', ...'ngaythS:/Q '];
const classOf = (c: string) => CHARS.indexOf(c);

/** `script` (`-S:--1-2--/Q-`) as the recognizer's per-frame probabilities over CHARS. */
export function scriptedLine(script: string): LineOutput {
  const classes = CHARS.length;
  const probs = new Float32Array(script.length * classes);
  [...script].forEach((c, t) => {
    probs[t * classes + (c === '-' ? 0 : classOf(c))] = 1;
  });
  return { probs, frames: script.length, classes, charOf: CHARS, digitClass: [...'0123456789'].map(classOf), lookalikeClass: [] };
}
