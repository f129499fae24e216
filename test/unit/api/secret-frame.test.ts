/**
 * The secret frame (docs/design.md §7): requests with a secret cross the renderer–host boundary as
 * bytes. Round trips keep every field; decoding copies no secret (zeroing the frame zeroes them);
 * anything malformed, and any attempt to carry a secret in the plain JSON part, is refused.
 */
import * as fc from 'fast-check';
import { channelNames, contract } from '../../../src/api/contract';
import { copySecret, decodeSecretFrame, encodeSecretFrame, secretFieldsOf, wipeSecretFields } from '../../../src/api/secret-frame';

const bytes = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
const text = (value: unknown) => Buffer.from(value as Uint8Array).toString('latin1');

test('the channels with a secret take bytes only: each secret field is in the schema, and numbers are refused', () => {
  const withSecrets = channelNames.filter((name) => secretFieldsOf(name).length > 0).sort();
  expect(withSecrets).toEqual(['clerk.signIn', 'selfService.changePassword', 'selfService.newPassword', 'selfService.provingPassword', 'visit.cardInfoPin', 'visit.changePassword', 'visit.passwords']);
  for (const name of withSecrets) {
    const shape = (contract[name].request as unknown as { shape: Record<string, unknown> }).shape;
    for (const field of secretFieldsOf(name)) {
      expect([name, field, field in shape]).toEqual([name, field, true]);
      // A secret as an array of numbers (JSON's shape) is refused by the schema.
      const parsed = contract[name].request.safeParse({ clerkId: 'c01', confirmLastTry: false, current: bytes('1234'), password: bytes('1234'), confirmation: bytes('1234'), [field]: [0x31, 0x32, 0x33, 0x34] });
      expect([name, field, parsed.success]).toEqual([name, field, false]);
    }
  }
});

test('a round trip keeps the plain fields and the secrets; the secrets are views of the frame', () => {
  const frame = encodeSecretFrame('selfService.newPassword', { password: bytes('QZ7XK9WV2M'), confirmation: bytes('QZ7XK9WV2M') });
  const decoded = decodeSecretFrame('selfService.newPassword', frame);
  expect(decoded.ok).toBe(true);
  if (!decoded.ok) return;
  expect(text(decoded.value['password'])).toBe('QZ7XK9WV2M');
  expect(text(decoded.value['confirmation'])).toBe('QZ7XK9WV2M');
  frame.fill(0);
  expect([...(decoded.value['password'] as Uint8Array)].every((b) => b === 0)).toBe(true);

  const pin = decodeSecretFrame('visit.cardInfoPin', encodeSecretFrame('visit.cardInfoPin', { pin: bytes('1357'), confirmLastTry: true }));
  expect(pin.ok && { pin: text(pin.value['pin']), confirmLastTry: pin.value['confirmLastTry'] }).toEqual({ pin: '1357', confirmLastTry: true });
  // The secret is not in the JSON part, neither as text nor as numbers.
  const json = Buffer.from(encodeSecretFrame('clerk.signIn', { clerkId: '職員-1', pin: bytes('9876') }));
  expect(json.includes(Buffer.from('57,56'))).toBe(false);
  const signIn = decodeSecretFrame('clerk.signIn', json);
  expect(signIn.ok && signIn.value['clerkId']).toBe('職員-1');
});

test('property: any request of bytes round-trips', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 16 }), fc.option(fc.uint8Array({ minLength: 1, maxLength: 4 }), { nil: undefined }), (sign, auth) => {
      const decoded = decodeSecretFrame('visit.passwords', encodeSecretFrame('visit.passwords', { sign, auth }));
      expect(decoded.ok).toBe(true);
      if (!decoded.ok) return;
      expect([...(decoded.value['sign'] as Uint8Array)]).toEqual([...sign]);
      expect(decoded.value['auth'] === undefined ? undefined : [...(decoded.value['auth'] as Uint8Array)]).toEqual(auth === undefined ? undefined : [...auth]);
    }),
  );
});

test('refused: other versions, cut or padded frames, unknown or repeated secret fields, a secret in the JSON part', () => {
  const good = encodeSecretFrame('visit.cardInfoPin', { pin: bytes('1357'), confirmLastTry: false });
  expect(decodeSecretFrame('visit.cardInfoPin', Uint8Array.of(2, ...good.subarray(1)))).toEqual({ ok: false, field: 'body' });
  expect(decodeSecretFrame('visit.cardInfoPin', good.subarray(0, good.length - 1))).toEqual({ ok: false, field: 'pin' });
  expect(decodeSecretFrame('visit.cardInfoPin', Uint8Array.of(...good, 0))).toEqual({ ok: false, field: 'body' });
  expect(decodeSecretFrame('session.get', good)).toEqual({ ok: false, field: 'body' });
  // `pin` in the JSON part: a secret never travels as JSON, even inside a frame.
  const json = Buffer.from(JSON.stringify({ pin: [49, 51, 53, 55], confirmLastTry: false }));
  expect(decodeSecretFrame('visit.cardInfoPin', Uint8Array.of(1, json.length >> 8, json.length & 0xff, ...json, 0))).toEqual({ ok: false, field: 'pin' });
  const twice = Uint8Array.of(1, 0, 2, 0x7b, 0x7d, 2, 3, 0x70, 0x69, 0x6e, 1, 0x31, 3, 0x70, 0x69, 0x6e, 1, 0x32);
  expect(decodeSecretFrame('visit.cardInfoPin', twice)).toEqual({ ok: false, field: 'body' });
  const unknown = Uint8Array.of(1, 0, 2, 0x7b, 0x7d, 1, 3, 0x70, 0x69, 0x78, 1, 0x31);
  expect(decodeSecretFrame('visit.cardInfoPin', unknown)).toEqual({ ok: false, field: 'body' });
  expect(() => encodeSecretFrame('visit.cardInfoPin', { pin: [1, 2, 3, 4] })).toThrow(RangeError);
});

test('property: no byte string crashes the decoder', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (frame) => {
      const decoded = decodeSecretFrame('selfService.newPassword', frame);
      expect(typeof decoded.ok).toBe('boolean');
    }),
    { numRuns: 2000 },
  );
});

test('a copy lives outside the frame and the request wipe zeroes only the secret fields', () => {
  const request = { clerkId: 'c01', pin: bytes('9876') };
  const copy = copySecret(request.pin);
  wipeSecretFields('clerk.signIn', request);
  expect([...request.pin]).toEqual([0, 0, 0, 0]);
  expect(text(copy)).toBe('9876');
  expect(request.clerkId).toBe('c01');
});
