/**
 * The shipped training residents (resources/training/residents.json, docs/design.md §4). Training
 * data only: the PINs listed are those set on the fictional residents' virtual cards.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { cardTypes, sexCodes } from '../domain/vocabulary';

export const trainingCases = [
  'ordinary',
  'under15',
  'leapDayBirthday',
  'cardExpiresBeforeFifthBirthday',
  'otherMunicipality',
  'signPinLocked',
  'authPinLocked',
  'certified',
  'cardInfoPinLocked',
  'jukiCard',
] as const;
export type TrainingCase = (typeof trainingCases)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const trainingResidentSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/),
    case: z.enum(trainingCases),
    note: z.string().max(300),
    facts: z
      .object({
        name: z.string().min(1),
        nameKana: z.string().min(1),
        address: z.string().min(1),
        municipalityCode: z.string().regex(/^\d{5}$/),
        birthDate: isoDate,
        sex: z.enum(sexCodes),
        individualNumber: z.string().regex(/^\d{12}$/),
        cardType: z.enum(cardTypes),
        cardSerial: z.string().regex(/^\d{15}$/),
        cardExpiry: isoDate,
      })
      .strict(),
    /** Relative to resources/training/. */
    cardFile: z.string().regex(/^cards\/[a-z0-9-]+\.json$/),
    /** null where the card has no such PIN set yet (a card before its first issuance). */
    pins: z
      .object({
        cardInfo: z.string().regex(/^\d{4}$/),
        auth: z.string().regex(/^\d{4}$/).nullable(),
        sign: z.string().regex(/^[A-Z0-9]{6,16}$/).nullable(),
      })
      .strict(),
  })
  .strict();
export type TrainingResident = z.infer<typeof trainingResidentSchema>;

export const residentsFileSchema = z
  .object({
    training: z.literal(true),
    municipality: z.object({ code: z.string().regex(/^\d{5}$/), name: z.string() }).strict(),
    residents: z.array(trainingResidentSchema).min(1),
  })
  .strict();
export type ResidentsFile = z.infer<typeof residentsFileSchema>;

/** Finds resources/training/ from src/ (ts) or dist/src/ (compiled). */
export function trainingDir(from: string = __dirname): string {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources', 'training');
    if (fs.existsSync(path.join(candidate, 'residents.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('resources/training/residents.json not found');
}

export function loadResidents(dir: string = trainingDir()): ResidentsFile {
  const file = path.join(dir, 'residents.json');
  return residentsFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}
