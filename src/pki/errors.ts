import { CodedError, isCodedError } from '../errors/coded-error';

/** Why a PKI object was refused; callers map `code` to a message or an HTTP status. */
export const pkiErrorCodes = [
  'PKI_BAD_DER',
  'PKI_BAD_CSR',
  'PKI_BAD_CSRATTRS',
  'PKI_BAD_SIGNATURE',
  'PKI_BAD_ATTRIBUTES',
  'PKI_BAD_CERTIFICATE',
  'PKI_BAD_SAN',
  'PKI_BAD_PKCS7',
  'PKI_BAD_CRL',
  'PKI_BAD_KEY',
  'PKI_SIGNER_FAILED',
] as const;
export type PkiErrorCode = (typeof pkiErrorCodes)[number];

export type PkiError = CodedError<PkiErrorCode>;

export function pkiError(code: PkiErrorCode, message: string): PkiError {
  return new CodedError(code, message);
}

/** Runs a parser and turns whatever pkijs/asn1js throws into a PKI error with `code`. */
export function guardParse<T>(code: PkiErrorCode, what: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (isCodedError(error, pkiErrorCodes)) throw error;
    throw pkiError(code, `${what}: ${error instanceof Error ? error.message : 'parse error'}`);
  }
}

export async function guardParseAsync<T>(code: PkiErrorCode, what: string, parse: () => Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (error) {
    if (isCodedError(error, pkiErrorCodes)) throw error;
    throw pkiError(code, `${what}: ${error instanceof Error ? error.message : 'parse error'}`);
  }
}
