import { z } from 'zod';
import { applicantTypes, certificateKinds, procedures, sexCodes } from '../domain/vocabulary';
import { revocationReasonNames } from '../pki/crl';
import type { NewApplication } from '../store/applications-repo';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const serialHex = z.string().regex(/^[0-9A-Fa-f]{1,64}$/, 'expected a hex serial');

/**
 * A scripted procedure as the clerk would enter it at the counter (docs/design.md §8 `issue`).
 * It never holds a password: those arrive separately, from the keypad or stdin, and go to the card.
 *
 * - `issue` / `renew` need `basicInfo` (it goes into the signing certificate, R-CERT-3).
 * - `resetPin`: `certificates` names the PINs to set anew (R-PROC-2).
 * - `pickUp`: writes what was issued for the card in the reader (R-PROC-3); only `clerkId` matters.
 * - `revoke`: `revocation.serials` and/or the certificates found for the card (R-PROC-4).
 * - A voluntary proxy's first visit records the request and yields the inquiry letter; the
 *   second visit sends the same request with `continuesApplicationId` (R-PROC-5).
 */
export const applicationRequestSchema = z
  .object({
    procedure: z.enum(procedures),
    applicantType: z.enum(applicantTypes).default('self'),
    clerkId: z.string().min(1).max(64),
    documents: z.array(z.string().min(1).max(64)).max(20).default([]),
    certificates: z.array(z.enum(certificateKinds)).min(1).max(2).default(['sign', 'auth']),
    /** The basic 4 information as confirmed by the clerk (card-info AP or card face). */
    basicInfo: z
      .object({
        name: z.string().min(1).max(200),
        address: z.string().min(1).max(400),
        birthDate: isoDate,
        sex: z.enum(sexCodes),
      })
      .strict()
      .optional(),
    applicant: z
      .object({
        adultWard: z.boolean().default(false),
        domicileInCity: z.boolean().default(true),
        reissuedCard: z.boolean().default(false),
      })
      .strict()
      .default({ adultWard: false, domicileInCity: true, reissuedCard: false }),
    /** The number printed on the visit's application form, reserved before the application is filed. */
    receiptNumber: z.string().regex(/^\d{8}-\d{3,}$/, 'expected YYYYMMDD-NNN').optional(),
    /** For a voluntary proxy's second visit: the application recorded on the first. */
    continuesApplicationId: z.uuid().optional(),
    revocation: z
      .object({
        reason: z.enum(revocationReasonNames).default('unspecified'),
        serials: z.object({ sign: serialHex.optional(), auth: serialHex.optional() }).strict().default({}),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((r) => new Set(r.certificates).size === r.certificates.length, { message: 'certificates must not repeat' });

export type ApplicationRequest = z.infer<typeof applicationRequestSchema>;

/**
 * The application a procedure files for a request, before the card's keys or the CA have a say:
 * the clerk's choices, what the procedure found (card, certificates, fee, basic 4), and the
 * reserved receipt number when the visit printed its form under one.
 */
export function newApplicationFor(request: ApplicationRequest, found: Pick<NewApplication, 'id' | 'cardSerial' | 'certificateKinds' | 'state' | 'feeYen' | 'basicInfo'>): NewApplication {
  return {
    ...found,
    procedure: request.procedure,
    applicantType: request.applicantType,
    documents: request.documents,
    clerkId: request.clerkId,
    spkiSha256: { sign: null, auth: null },
    expiry: { sign: null, auth: null },
    errorCode: null,
    ...(request.receiptNumber === undefined ? {} : { receiptNumber: request.receiptNumber }),
  };
}
