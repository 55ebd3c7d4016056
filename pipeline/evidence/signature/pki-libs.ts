// asn1js and PKI.js, loaded with `require` (the same CommonJS builds an `import` loads) instead of
// an ES `import`: for an `import` of a CommonJS file Node first scans its whole source for the
// names it exports (cjs-module-lexer), at every reader process's start: some 0.2–0.5 CPU-s per
// process for PKI.js's 800 kB and asn1js's 110 kB, more than compiling them. PKI.js, needed only
// for RSASSA-PSS parameters and timestamp tokens, is loaded at its first use.
import { createRequire } from 'node:module';
import type * as Asn1js from 'asn1js';
import type * as Pkijs from 'pkijs';

const require = createRequire(import.meta.url);

export const asn1js = require('asn1js') as typeof Asn1js;

let pki: typeof Pkijs | null = null;

/** PKI.js, loaded on the first call (it requires the same asn1js instance, so `instanceof` holds across both). */
export function pkijs(): typeof Pkijs {
  pki ??= require('pkijs') as typeof Pkijs;
  return pki;
}
