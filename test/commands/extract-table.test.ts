// `cchc extract` without --json prints a table a secretary reads in a terminal. Its signature column
// must not read "valid" as "trusted": a signature whose certificate chain was not checked against the
// province's trust anchors (no --trust) says so, as the audit page does.
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../pipeline/commands/extract.js';
import type { Extraction } from '../../pipeline/model.js';

const signed = (chain: 'trusted' | 'untrusted' | 'not-checked', status: Extraction['signatureStatus'] = 'valid') => ({
  file: `bao-cao-${chain}.pdf`, sha256: 'a'.repeat(64), status: 'ok', source: 'annotation', number: '186/BC-STP', numeral: '186', suffixed: false,
  typeCode: 'BC', issuerCode: 'STP', year: null, blankNumber: false, date: '2021-11-04', place: 'Hưng Yên', blankDate: false,
  confidence: 0.97, numberConfidence: 0.97, dateConfidence: 0.97, signed: true, signer: 'Sở Tư pháp', signedAt: '2021-11-04T03:12:32Z',
  signatureStatus: status, signatures: [{ chain: { status: chain, certificates: [], problems: [] } }], scanned: false,
}) as unknown as Extraction;

describe('cchc extract: the signature column', () => {
  it.each([
    ['not-checked', 'có, hợp lệ, chưa kiểm tra chuỗi chứng thư (Sở Tư pháp)'],
    ['untrusted', 'có, hợp lệ, chuỗi chứng thư không tin cậy (Sở Tư pháp)'],
    ['trusted', 'có, hợp lệ (Sở Tư pháp)'],
  ] as const)('a valid signature whose chain is %s reads "%s"', (chain, cell) => {
    const table = renderTable([signed(chain)]);
    expect(table).toContain(cell);
    if (chain === 'trusted') expect(table).not.toContain('chuỗi chứng thư');
  });

  it('a broken signature says so, whatever its chain', () => {
    expect(renderTable([signed('not-checked', 'broken')])).toContain('có, KHÔNG hợp lệ (Sở Tư pháp)');
  });
});
