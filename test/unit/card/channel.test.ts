import { generateKeyPairSync } from 'node:crypto';
import { hex } from '../../../src/card/apdu';
import { readPublicKey } from '../../../src/card/issuer';
import { CardChannel } from '../../../src/card/channel';
import { DirectTransport } from '../../../src/card/direct-transport';


const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

/** A scripted card: answers in order and records what it was sent. */
function scripted(answers: string[]) {
  const sent: string[] = [];
  const card = {
    process(apdu: Uint8Array): Uint8Array {
      sent.push(hex(apdu));
      const next = answers.shift();
      if (next === undefined) throw new Error('script exhausted');
      return bytes(next);
    },
  };
  return { channel: new CardChannel(new DirectTransport(card)), sent };
}

describe('CardChannel transport-level status words', () => {
  it('follows 61xx with GET RESPONSE and joins the data', async () => {
    const { channel, sent } = scripted(['AABB6103', 'CCDDEE9000']);
    const response = await channel.send({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 });
    expect(hex(response.data)).toBe('AABBCCDDEE');
    expect(response.sw).toBe(0x9000);
    expect(sent).toEqual(['00B0000000', '00C0000003']);
  });

  it('follows chained 61xx (6100 = 256 more)', async () => {
    const { channel, sent } = scripted(['6100', `${'11'.repeat(256)}6102`, '22339000']);
    const response = await channel.send({ cla: 0, ins: 0xca, p1: 0, p2: 0, le: 256 });
    expect(response.data.length).toBe(258);
    expect(sent).toEqual(['00CA000000', '00C0000000', '00C0000002']);
  });

  it('re-sends once with the Le named by 6Cxx', async () => {
    const { channel, sent } = scripted(['6C11', `${'AB'.repeat(17)}9000`]);
    const data = await channel.sendOk({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 }, 'READ');
    expect(data.length).toBe(17);
    expect(sent).toEqual(['00B0000000', '00B0000011']);
  });

  it('a second 6Cxx is a WrongLengthError, not a loop', async () => {
    const { channel, sent } = scripted(['6C11', '6C12']);
    await expect(channel.sendOk({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 5 }, 'READ')).rejects.toEqual(expect.objectContaining({ code: 'CARD_WRONG_LENGTH' }));
    expect(sent).toHaveLength(2);
  });

  it('stops GET RESPONSE after a bounded number of rounds', async () => {
    const { channel, sent } = scripted(Array.from({ length: 40 }, () => '016101'));
    const response = await channel.send({ cla: 0, ins: 0xca, p1: 0, p2: 0, le: 1 });
    expect(response.sw).toBe(0x6101);
    expect(sent.length).toBeLessThanOrEqual(17);
  });

  it('wipes a sensitive command after sending it', async () => {
    const seen: Uint8Array[] = [];
    const channel = new CardChannel({
      atr: new Uint8Array(0),
      transmit: async (apdu) => {
        seen.push(apdu);
        return bytes('9000');
      },
      reset: async () => undefined,
      close: async () => undefined,
    });
    await channel.sendOk({ cla: 0, ins: 0x20, p1: 0, p2: 0x80, data: bytes('31323334') }, 'VERIFY', { isSensitive: true });
    expect(hex(seen[0] ?? new Uint8Array(1))).toBe('000000000000000000');
  });
});

describe('readPublicKey (GENERATE KEY P1=81)', () => {
  it('asks for the existing key of the slot and rebuilds its SPKI', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' });
    const n = Buffer.from(jwk.n ?? '', 'base64url');
    const inner = Buffer.concat([Buffer.from([0x81, 0x82, 0x01, 0x00]), n, Buffer.from([0x82, 0x03, 0x01, 0x00, 0x01])]);
    const template = Buffer.concat([Buffer.from([0x7f, 0x49, 0x82, inner.length >> 8, inner.length & 0xff]), inner]);
    const sent: string[] = [];
    const channel = new CardChannel(
      new DirectTransport({
        process(apdu) {
          sent.push(hex(apdu));
          return apdu[1] === 0x47 ? new Uint8Array(Buffer.concat([template, Buffer.from([0x90, 0x00])])) : bytes('9000');
        },
      }),
    );
    const spki = await readPublicKey(channel, 'auth');
    expect(Buffer.from(spki).equals(publicKey.export({ format: 'der', type: 'spki' }))).toBe(true);
    expect(sent).toEqual(['0047810002001700']);
  });
});
