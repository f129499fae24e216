/**
 * Our client against every shipped training card (in-process, read-only copies): what the card
 * says about itself must match residents.json, and the training issuer key must be accepted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CardModel } from '../../../src/card/card-model';
import { DirectTransport } from '../../../src/card/direct-transport';
import { issuerSignerFromPem } from '../../../src/card/issuer';

import { loadCardFile } from '../../../src/virtual-card/card-file';
import { VirtualCardEngine } from '../../../src/virtual-card/engine';
import { ascii } from './support';

const root = join(__dirname, '../../../resources/training');
const residentSchema = z.object({
  id: z.string(),
  case: z.string(),
  facts: z.object({
    name: z.string(),
    address: z.string(),
    municipalityCode: z.string(),
    birthDate: z.string(),
    sex: z.enum(['0', '1', '2', '9']),
    cardType: z.enum(['myNumberCard', 'jukiCard']),
    cardSerial: z.string(),
    cardExpiry: z.string(),
  }),
  cardFile: z.string(),
  pins: z.object({ cardInfo: z.string(), auth: z.string().nullable(), sign: z.string().nullable() }),
});
const residents = z.object({ residents: z.array(residentSchema) }).parse(JSON.parse(readFileSync(join(root, 'residents.json'), 'utf8'))).residents;
const issuer = issuerSignerFromPem(readFileSync(join(root, 'issuer/issuer-key.pem'), 'utf8'));

function cardOf(file: string): CardModel {
  return new CardModel(new DirectTransport(VirtualCardEngine.fromState(loadCardFile(join(root, file)))));
}

describe.each(residents.map((r) => [r.id, r] as const))('training card %s', (_id, resident) => {
  it('facts, PIN tries and basic information match residents.json', async () => {
    const card = cardOf(resident.cardFile);
    expect(await card.readCardFacts()).toMatchObject({
      serial: resident.facts.cardSerial,
      municipalityCode: resident.facts.municipalityCode,
      cardExpiry: resident.facts.cardExpiry,
      cardType: resident.facts.cardType,
    });
    const pins = await card.readPinStatus();
    expect(pins.sign.isBlocked).toBe(resident.case === 'signPinLocked');
    expect(pins.auth.isBlocked).toBe(resident.case === 'authPinLocked');
    if (resident.facts.cardType === 'jukiCard') {
      expect(pins.cardInfo).toBeUndefined();
      await expect(card.readBasicInfo(ascii(resident.pins.cardInfo))).rejects.toEqual(expect.objectContaining({ code: 'CARD_FILE_NOT_FOUND' }));
    } else if (resident.case === 'cardInfoPinLocked') {
      expect(pins.cardInfo?.isBlocked).toBe(true);
      await expect(card.readBasicInfo(ascii(resident.pins.cardInfo))).rejects.toEqual(expect.objectContaining({ code: 'CARD_PIN_BLOCKED' }));
    } else {
      const { name, address, birthDate, sex } = resident.facts;
      expect(await card.readBasicInfo(ascii(resident.pins.cardInfo))).toEqual({ name, address, birthDate, sex });
    }
  });

  it('accepts the training issuer key', async () => {
    const card = cardOf(resident.cardFile);
    await card.authenticateIssuer(issuer);
    // An issuer-only command that changes nothing persistent when refused for format: proves the state.
    await expect(card.setPin('auth', ascii('bad'))).rejects.toMatchObject({ code: 'CARD_WRONG_DATA' });
  });
});

it('the certified resident has both certificates from the training CAs', async () => {
  const resident = residents.find((r) => r.case === 'certified');
  if (resident?.pins.sign === null || resident === undefined) throw new Error('no certified training resident');
  const card = cardOf(resident.cardFile);
  await card.verifyPin('sign', ascii(resident.pins.sign));
  const certs = await card.readCertificates();
  for (const slot of ['auth', 'sign', 'authCa', 'signCa'] as const) {
    const read = certs[slot];
    expect(read.state).toBe('present');
    if (read.state === 'present') expect(read.certificate.issuer).toContain('JPKI-TRAINING');
  }
});
