/**
 * Every object identifier the terminal and the reference CA agree on, in one place.
 *
 * The private arc for applicant data inside CSRs sits under IANA enterprise number 32473,
 * which RFC 5612 reserves for documentation and examples: a placeholder until the operator's
 * own enterprise arc is known, changed by editing `madoguchiArc` only. (A UUID arc under 2.25
 * was rejected: its 128-bit component is rendered differently by asn1js and OpenSSL.)
 */
export const madoguchiArc = '1.3.6.1.4.1.32473.1';

/** CSR attributes carrying what the CA needs (docs/design.md §6); all UTF8String values. */
export const csrAttributeOids = {
  applicationId: `${madoguchiArc}.1.1`,
  terminalId: `${madoguchiArc}.1.2`,
  certificateKind: `${madoguchiArc}.1.3`,
  birthDate: `${madoguchiArc}.1.4`,
  name: `${madoguchiArc}.1.5`,
  address: `${madoguchiArc}.1.6`,
  sex: `${madoguchiArc}.1.7`,
  cardExpiry: `${madoguchiArc}.1.8`,
  previousExpiry: `${madoguchiArc}.1.9`,
  cardType: `${madoguchiArc}.1.10`,
  cardSerial: `${madoguchiArc}.1.11`,
} as const;
export type CsrAttributeName = keyof typeof csrAttributeOids;

/** docs/jpki-card.md §8: otherName OIDs in the signing certificate's subjectAltName. */
export const jpkiSanOids = {
  name: '1.2.392.200149.8.5.5.1',
  nameSubstitute: '1.2.392.200149.8.5.5.2',
  sex: '1.2.392.200149.8.5.5.3',
  birthDate: '1.2.392.200149.8.5.5.4',
  address: '1.2.392.200149.8.5.5.5',
  addressSubstitute: '1.2.392.200149.8.5.5.6',
} as const;
export type JpkiSanField = keyof typeof jpkiSanOids;

/** docs/jpki-card.md §8 certificate policies [weak source]. */
export const jpkiPolicyOids = {
  sign: '1.2.392.200149.8.5.1.1.20',
  auth: '1.2.392.200149.8.5.1.3.30',
} as const;

export const attributeTypeOids = {
  C: '2.5.4.6',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  CN: '2.5.4.3',
} as const;
export type AttributeTypeName = keyof typeof attributeTypeOids;

export const algorithmOids = {
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

export const extensionOids = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  cRLNumber: '2.5.29.20',
  reasonCode: '2.5.29.21',
  cRLDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  extensionRequest: '1.2.840.113549.1.9.14',
} as const;

export const extendedKeyUsageOids = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

export const contentTypeOids = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
} as const;
