import { constants, createPublicKey, generateKeyPairSync, publicDecrypt } from 'node:crypto';
import { createCardState } from '../../../src/virtual-card/card-state';
import { aids, dataOf, hex, issuerKeyPair, sampleFacts, selectAp, selectEf, send, stateWithPins, swOf, toHex, verifyPin, VirtualCardEngine } from '../../support/virtual-card';

const issuer = issuerKeyPair();

function freshEngine(): VirtualCardEngine {
  return VirtualCardEngine.fromState(stateWithPins(issuer.publicPem));
}

describe('foreign probes and malformed commands (docs/jpki-card.md §1, §10)', () => {
  const probes = [
    '00A4040007627601FF000000',
    '00A4040006A00000000101',
    '00A404000BE82B0601040181C31F020100',
    '00A4040C0FD23300000045737445494420763335',
    '00A4040009A0000003080000100000',
    '00A4040C07A000000116DB0000',
    '00A4040C07A000000079100000',
    '00A4040C07A000000079010F00',
    '00A404000CF276A288BCFBA69D34F31001',
    '00A4040009A0000003974254465900',
    '00A4040006D2760001240100',
    '00A4040C0AD3921000310001010402',
  ];
  test.each(probes)('SELECT %s → 6A82', (apdu) => {
    expect(swOf(send(freshEngine(), apdu))).toBe('6A82');
  });

  test.each([
    ['00CADF3005', '6D00'],
    ['00CB3FFF035C017E08', '6D00'],
    ['00FF000000', '6D00'],
    ['A0A4040C0AD392F000260100000001', '6E00'],
    ['00A4', '6700'],
    ['00A4040C0AD392F0', '6700'],
    ['00A4000C023F00', '6A86'],
    ['00A4040A0AD392F000260100000001', '6A86'],
    ['00A4020C020001', '6A82'],
    ['00B0000004', '6986'],
    ['00200080', '6986'],
  ])('%s → %s', (apdu, sw) => {
    expect(swOf(send(freshEngine(), apdu))).toBe(sw);
  });

  test('every known AP selects with 9000', () => {
    const engine = freshEngine();
    for (const ap of Object.keys(aids) as (keyof typeof aids)[]) expect(selectAp(engine, ap)).toBe('9000');
  });
});

describe('JPKI AP PINs', () => {
  test('empty VERIFY reports the counter without spending a try', () => {
    const engine = freshEngine();
    selectAp(engine, 'jpki');
    expect(selectEf(engine, '0018')).toBe('9000');
    expect(swOf(send(engine, '00200080'))).toBe('63C3');
    expect(swOf(send(engine, '00200080'))).toBe('63C3');
    expect(selectEf(engine, '001B')).toBe('9000');
    expect(swOf(send(engine, '00200080'))).toBe('63C5');
  });

  test('wrong PIN decrements, the exhausting try gives 63C0, then 6984; empty VERIFY stays 63C0', () => {
    const engine = freshEngine();
    const changes: number[] = [];
    engine.onPersistentChange = (s) => changes.push(s.pins.auth.triesLeft);
    selectAp(engine, 'jpki');
    selectEf(engine, '0018');
    expect(verifyPin(engine, '0000')).toBe('63C2');
    expect(verifyPin(engine, '0000')).toBe('63C1');
    expect(verifyPin(engine, '0000')).toBe('63C0');
    expect(verifyPin(engine, '1234')).toBe('6984');
    expect(swOf(send(engine, '00200080'))).toBe('63C0');
    expect(changes).toEqual([2, 1, 0]);
    expect(engine.snapshot().pins.auth.triesLeft).toBe(0);
  });

  test('a correct PIN resets the counter and survives EF selects but not an AP re-select', () => {
    const engine = freshEngine();
    selectAp(engine, 'jpki');
    selectEf(engine, '001B');
    expect(verifyPin(engine, 'ABC999')).toBe('63C4');
    expect(verifyPin(engine, 'ABC123')).toBe('9000');
    expect(swOf(send(engine, '00200080'))).toBe('63C5');
    selectEf(engine, '0002');
    selectEf(engine, '0001');
    expect(swOf(send(engine, '00B0000004'))).toBe('6B00');
    selectAp(engine, 'jpki');
    selectEf(engine, '0001');
    expect(swOf(send(engine, '00B0000004'))).toBe('6982');
  });

  test('power events clear the verified state but keep counters', () => {
    const engine = freshEngine();
    selectAp(engine, 'jpki');
    selectEf(engine, '0018');
    verifyPin(engine, '0000');
    verifyPin(engine, '1234');
    engine.reset();
    expect(swOf(send(engine, '00B0000004'))).toBe('6986');
    selectAp(engine, 'jpki');
    selectEf(engine, '0017');
    expect(swOf(send(engine, '802A00800301020300'))).toBe('6982');
    expect(engine.snapshot().pins.auth.triesLeft).toBe(3);
  });

  test('a PIN the issuer has not set is not usable', () => {
    const engine = VirtualCardEngine.fromState(createCardState(sampleFacts()));
    selectAp(engine, 'jpki');
    selectEf(engine, '0018');
    expect(swOf(send(engine, '00200080'))).toBe('63C3');
    expect(verifyPin(engine, '1234')).toBe('6984');
  });

  test.each([
    ['0018', '1234', '5678', '9000'],
    ['0018', '1234', '567', '6A80'],
    ['0018', '1234', '56a8', '6A80'],
    ['001B', 'ABC123', 'NEWPASS1', '9000'],
    ['001B', 'ABC123', 'abc123', '6A80'],
    ['001B', 'ABC123', 'AB12', '6A80'],
    ['001B', 'ABC123', 'A'.repeat(17), '6700'],
  ])('CHANGE REFERENCE DATA on %s from %s to %s → %s', (fid, oldPin, newPin, sw) => {
    const engine = freshEngine();
    selectAp(engine, 'jpki');
    selectEf(engine, fid);
    const data = Buffer.from(newPin, 'latin1');
    expect(swOf(engine.process(Buffer.concat([hex(`00240180${data.length.toString(16).padStart(2, '0')}`), data])))).toBe('6982');
    expect(verifyPin(engine, oldPin)).toBe('9000');
    const got = swOf(engine.process(Buffer.concat([hex(`00240180${data.length.toString(16).padStart(2, '0')}`), data])));
    if (sw === '6700') expect(['6700', '6A80']).toContain(got);
    else expect(got).toBe(sw);
    const expected = sw === '9000' ? newPin : oldPin;
    expect(engine.snapshot().pins[fid === '0018' ? 'auth' : 'sign'].value).toBe(expected);
  });
});

describe('JPKI AP files and signing', () => {
  test('token info, EF 0008 and READ BINARY bounds', () => {
    const engine = freshEngine();
    selectAp(engine, 'jpki');
    selectEf(engine, '0006');
    const info = send(engine, '00B0000000');
    expect(swOf(info)).toBe('9000');
    expect(dataOf(info).length).toBe(160);
    expect(Buffer.from(dataOf(info).subarray(0, 32)).toString('latin1')).toBe('JPKIAPICCTOKEN2'.padEnd(32, ' '));
    const tail = send(engine, '00B0009000');
    expect(swOf(tail)).toBe('9000');
    expect(dataOf(tail).length).toBe(16);
    expect(swOf(send(engine, '00B000A001'))).toBe('6B00');
    expect(swOf(send(engine, '00B00000'))).toBe('6700');
    selectEf(engine, '0008');
    expect(toHex(send(engine, '00B0000003'))).toBe('0000009000');
  });

  test('key and PIN EFs cannot be read', () => {
    const engine = freshEngine();
    selectAp(engine, 'jpki');
    selectEf(engine, '0017');
    expect(swOf(send(engine, '00B0000004'))).toBe('6982');
    selectEf(engine, '0018');
    expect(swOf(send(engine, '00B0000004'))).toBe('6981');
  });

  test('signing needs the key EF and its PIN, and 1–245 bytes', () => {
    const engine = freshEngine();
    selectAp(engine, 'jpki');
    expect(swOf(send(engine, '802A00800301020300'))).toBe('6982');
    selectEf(engine, '0018');
    verifyPin(engine, '1234');
    expect(swOf(send(engine, '802A00800301020300'))).toBe('6982');
    selectEf(engine, '0017');
    expect(swOf(send(engine, '802A00800301020300'))).toBe('6985');
    expect(swOf(send(engine, '802A01800301020300'))).toBe('6A86');
    expect(swOf(engine.process(Buffer.concat([hex('802A0080F6'), new Uint8Array(246), hex('00')])))).toBe('6700');
  });

  test('foreign P2 and SFI forms', () => {
    const engine = freshEngine();
    selectAp(engine, 'jpki');
    expect(swOf(send(engine, '0020009B'))).toBe('63C5');
    expect(swOf(send(engine, '00200081'))).toBe('6981');
    expect(swOf(send(engine, '00200085'))).toBe('6A82');
    expect(swOf(send(engine, '00200001'))).toBe('6A86');
    expect(swOf(send(engine, '00B0860003'))).toBe('9000');
  });

  test('a juki card has the JUKICARD ATR, its own token label and no text AP', () => {
    const engine = VirtualCardEngine.fromState(createCardState(sampleFacts({ cardType: 'jukiCard' })));
    expect(toHex(engine.atr)).toBe('3BE000FF8131FE4514');
    expect(selectAp(engine, 'text')).toBe('6A82');
    selectAp(engine, 'jpki');
    selectEf(engine, '0006');
    expect(Buffer.from(dataOf(send(engine, '00B0000020'))).toString('latin1').trimEnd()).toBe('JPKIAPICCTOKEN');
  });

  test('a signature is PKCS#1 v1.5 type 01 with the slot key', () => {
    const state = stateWithPins(issuer.publicPem);
    const engine = VirtualCardEngine.fromState(state);
    selectAp(engine, 'jpki');
    // Give the card a key the test knows, as the issuer would have generated it.
    const seeded = engine.snapshot();
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    seeded.keys.auth = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const signer = VirtualCardEngine.fromState(seeded);
    selectAp(signer, 'jpki');
    selectEf(signer, '0018');
    expect(verifyPin(signer, '1234')).toBe('9000');
    selectEf(signer, '0017');
    const digestInfo = hex('3031300D060960864801650304020105000420' + '11'.repeat(32));
    const response = signer.process(Buffer.concat([hex('802A008033'), digestInfo, hex('00')]));
    expect(swOf(response)).toBe('9000');
    const signature = dataOf(response);
    expect(signature.length).toBe(256);
    const recovered = publicDecrypt({ key: createPublicKey(pair.privateKey), padding: constants.RSA_PKCS1_PADDING }, signature);
    expect(toHex(recovered)).toBe(toHex(digestInfo));
  });
});

describe('text and common APs (docs/jpki-card.md §6)', () => {
  test('EF 0001 and 0002 need the card-info PIN; 0002 has a correct DF21 offset table', () => {
    const engine = freshEngine();
    selectAp(engine, 'text');
    selectEf(engine, '0001');
    expect(swOf(send(engine, '00B0000011'))).toBe('6982');
    selectEf(engine, '0011');
    expect(swOf(send(engine, '00200080'))).toBe('63C3');
    expect(verifyPin(engine, '1234')).toBe('9000');
    selectEf(engine, '0001');
    expect(toHex(send(engine, '00B0000011'))).toBe(`FF100C${Buffer.from('123456789018').toString('hex').toUpperCase()}FFFF9000`);
    selectEf(engine, '0002');
    const file = Buffer.from(dataOf(send(engine, '00B0000000')));
    expect(file.subarray(0, 2).toString('hex')).toBe('ff20');
    const headerSize = file[2] === 0x81 ? 4 : 3;
    expect(file.subarray(headerSize, headerSize + 3).toString('hex')).toBe('df2108');
    const expectedTags = ['df22', 'df23', 'df24', 'df25'];
    const values: string[] = [];
    for (let i = 0; i < 4; i++) {
      const offset = file.readUInt16BE(headerSize + 3 + i * 2);
      expect(file.subarray(offset, offset + 2).toString('hex')).toBe(expectedTags[i]);
      const len = file[offset + 2] ?? 0;
      values.push(file.subarray(offset + 3, offset + 3 + len).toString('utf8'));
    }
    expect(values).toEqual(['各務原　花子', '岐阜県各務原市那加桜町１丁目１番地', '19800217', '2']);
  });

  test('EF 0012 is blocked from the start', () => {
    const engine = freshEngine();
    selectAp(engine, 'text');
    selectEf(engine, '0012');
    expect(swOf(send(engine, '00200080'))).toBe('63C0');
    expect(verifyPin(engine, '1234')).toBe('6984');
  });

  test('common AP record 1 holds serial, municipality code and expiry, by SFI or after SELECT', () => {
    const engine = freshEngine();
    selectAp(engine, 'common');
    const expected = `011C${Buffer.from('1234567890123452121320350217').toString('hex').toUpperCase()}9000`;
    expect(toHex(send(engine, '00B2010C00'))).toBe(expected);
    selectEf(engine, '0001');
    expect(toHex(send(engine, '00B2010400'))).toBe(expected);
    expect(swOf(send(engine, '00B2020400'))).toBe('6A83');
    expect(swOf(send(engine, '00B2010500'))).toBe('6A86');
  });
});
