// Who signed, as a party (issue 15): names compared as people write them, the header's issuer or its
// parent against the certificate's CN/OU/O/L, records offices signing scans.
import { describe, expect, it } from 'vitest';
import { foldName, type IssuingBodies, signerRole } from '../../pipeline/evidence/signature/signer-role.js';
import type { CertificateInfo } from '../../pipeline/model.js';

function signer(fields: Partial<Pick<CertificateInfo, 'commonName' | 'organisation' | 'organisationalUnit' | 'locality' | 'state'>>): { signer: CertificateInfo } {
  return {
    signer: {
      commonName: null, organisation: null, organisationalUnit: null, locality: null, state: null, email: null,
      issuer: { commonName: 'CA thử nghiệm', organisation: null }, serial: '01', validFrom: '2020-01-01T00:00:00.000Z', validTo: '2030-01-01T00:00:00.000Z', fingerprint: '00',
      ...fields,
    },
  };
}

describe('names folded for comparison', () => {
  it.each([
    ['UBND TỈNH HƯNG YÊN', 'uy ban nhan dan tinh hung yen'],
    ['Ủy ban nhân dân tỉnh Hưng Yên', 'uy ban nhan dan tinh hung yen'],
    ['Uỷ ban nhân dân tỉnh Hưng Yên', 'uy ban nhan dan tinh hung yen'],
    ['Ủy ban nhân dân tỉnh Hưng Yên'.normalize('NFD'), 'uy ban nhan dan tinh hung yen'],
    ['SỞ GD&ĐT', 'so giao duc dao tao'],
    ['Sở Giáo dục và Đào tạo', 'so giao duc dao tao'],
    ['Trung tâm Công báo - Tin học', 'trung tam cong bao tin hoc'],
    ['VP UBND TP. Hưng Yên', 'van phong uy ban nhan dan thanh pho hung yen'],
  ])('%s → %s', (name, folded) => {
    expect(foldName(name)).toBe(folded);
  });
});

const HUNG_YEN_SXD: IssuingBodies = { issuer: ['Sở Xây dựng'], parent: ['UBND TỈNH HƯNG YÊN'], issuerCode: 'SXD' };
const HUNG_YEN_UBND: IssuingBodies = { issuer: ['Ủy ban nhân dân tỉnh Hưng Yên'], parent: [], issuerCode: 'UBND' };
const VAN_LAM: IssuingBodies = { issuer: ['UBND huyện Văn Lâm'], parent: ['UBND tỉnh Hưng Yên'], issuerCode: 'UBND' };

describe('the signer\'s role', () => {
  it.each([
    { name: 'the Sở\'s own certificate, another case and no diacritics', cert: { commonName: 'SO XAY DUNG', organisation: 'UBND TINH HUNG YEN' }, bodies: HUNG_YEN_SXD, role: 'issuer' },
    { name: 'the Sở named with its province', cert: { commonName: 'Sở Xây dựng tỉnh Hưng Yên', organisation: 'Ủy ban nhân dân tỉnh Hưng Yên', locality: 'Hưng Yên' }, bodies: HUNG_YEN_SXD, role: 'issuer' },
    { name: 'a person of the Sở: OU names it', cert: { commonName: 'Nguyễn Văn Bảo', organisationalUnit: 'Sở Xây dựng', organisation: 'UBND tỉnh Hưng Yên' }, bodies: HUNG_YEN_SXD, role: 'issuer' },
    { name: 'a person named Phong whose O is the Sở', cert: { commonName: 'Trần Thanh Phong', organisation: 'Sở Xây dựng' }, bodies: HUNG_YEN_SXD, role: 'issuer' },
    { name: 'the Sở by the symbol\'s abbreviation only (another name on file)', cert: { commonName: 'Sở Xây dựng' }, bodies: { issuer: ['SXD Hưng Yên'], parent: ['UBND TỈNH HƯNG YÊN'], issuerCode: 'SXD' }, role: 'issuer' },
    { name: 'a công văn\'s symbol names the issuer first, then the drafting unit', cert: { commonName: 'Sở Giáo dục và Đào tạo' }, bodies: { issuer: [], parent: [], issuerCode: 'SGDĐT-GDTH' }, role: 'issuer' },
    { name: 'the same Sở of another province (from its name)', cert: { commonName: 'Sở Xây dựng tỉnh Bắc Ninh', organisation: 'UBND tỉnh Bắc Ninh' }, bodies: HUNG_YEN_SXD, role: 'other' },
    { name: 'the same Sở of another province (from L)', cert: { commonName: 'Sở Xây dựng', locality: 'Bắc Ninh' }, bodies: HUNG_YEN_SXD, role: 'other' },
    { name: 'the parent body signs for it (UBND written out)', cert: { commonName: 'Ủy ban nhân dân tỉnh Hưng Yên' }, bodies: HUNG_YEN_SXD, role: 'issuer' },
    { name: 'another Sở of the same province', cert: { commonName: 'Sở Tài chính', organisation: 'UBND tỉnh Hưng Yên' }, bodies: HUNG_YEN_SXD, role: 'other' },
    { name: 'Văn phòng UBND tỉnh signs the scan', cert: { commonName: 'Văn phòng UBND tỉnh Hưng Yên', organisation: 'UBND tỉnh Hưng Yên' }, bodies: HUNG_YEN_SXD, role: 'records-office' },
    { name: 'Văn phòng UBND tỉnh signs the UBND\'s own document (its name holds the issuer\'s)', cert: { commonName: 'VP UBND tỉnh Hưng Yên' }, bodies: HUNG_YEN_UBND, role: 'records-office' },
    { name: '"Trung tâm Công báo và Tin học"', cert: { commonName: 'Trung tâm Công báo và Tin học', organisation: 'Văn phòng UBND tỉnh Hưng Yên' }, bodies: HUNG_YEN_SXD, role: 'records-office' },
    { name: '"Trung tâm Công báo - Tin học" of another province', cert: { commonName: 'Trung tâm Công báo - Tin học tỉnh Lào Cai' }, bodies: HUNG_YEN_SXD, role: 'records-office' },
    { name: 'a VGCA signing service certificate', cert: { commonName: 'VGCA Sign Service', organisation: 'Ban Cơ yếu Chính phủ' }, bodies: HUNG_YEN_SXD, role: 'records-office' },
    { name: 'the Sở\'s records office (văn thư)', cert: { commonName: 'Văn thư Sở Xây dựng', organisation: 'Sở Xây dựng' }, bodies: HUNG_YEN_SXD, role: 'records-office' },
    { name: 'Văn phòng UBND tỉnh issuing its own document', cert: { commonName: 'Văn phòng UBND tỉnh Hưng Yên' }, bodies: { issuer: ['VĂN PHÒNG UBND TỈNH HƯNG YÊN'], parent: ['UBND TỈNH HƯNG YÊN'], issuerCode: 'VP' }, role: 'issuer' },
    { name: 'a district People\'s Committee, UBND written both ways', cert: { commonName: 'Ủy ban nhân dân huyện Văn Lâm', organisation: 'UBND tỉnh Hưng Yên' }, bodies: VAN_LAM, role: 'issuer' },
    { name: 'another district of the province', cert: { commonName: 'UBND huyện Mỹ Hào' }, bodies: VAN_LAM, role: 'other' },
    { name: 'a company', cert: { commonName: 'Công ty TNHH ABC' }, bodies: HUNG_YEN_SXD, role: 'other' },
    { name: 'a person with no organisation named', cert: { commonName: 'Nguyễn Văn A' }, bodies: HUNG_YEN_SXD, role: 'other' },
  ])('$name → $role', ({ cert, bodies, role }) => {
    expect(signerRole(signer(cert), bodies)).toBe(role);
  });

  it('no signer certificate → no role', () => {
    expect(signerRole({ signer: null }, HUNG_YEN_SXD)).toBeNull();
  });
});
