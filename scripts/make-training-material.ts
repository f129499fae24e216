/**
 * Generates resources/training/ once (docs/design.md §4): the training issuer key, the training CA
 * hierarchy and the fictional residents of Kakamigahara with their virtual cards. Everything
 * is marked training. Certified cards are written through the card's own issuer commands, so
 * their state is exactly what issuance produces.
 *
 *   npx tsc -p tsconfig.build.json && node dist/scripts/make-training-material.js [--force] [--out DIR]
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeJpkiHierarchy } from '../src/ca/hierarchy';
import { certificateExpiry } from '../src/domain/validity';
import type { SexCode } from '../src/domain/vocabulary';
import { saveCardFile } from '../src/virtual-card/card-file';
import { createCardState, type CardState } from '../src/virtual-card/card-state';
import { VirtualCardEngine } from '../src/virtual-card/engine';
import { issuerAuthMessage } from '../src/virtual-card/issuer';
import { residentsFileSchema, type TrainingCase, type TrainingResident } from '../src/virtual-card/training';

const municipality = { code: '21213', name: '岐阜県各務原市' };
const issueDate = '2025-06-02';

interface ResidentSpec {
  id: string;
  case: TrainingCase;
  note: string;
  name: string;
  nameKana: string;
  address: string;
  municipalityCode?: string;
  birthDate: string;
  sex: SexCode;
  cardExpiry: string;
  cardType?: 'myNumberCard' | 'jukiCard';
  cardInfoPin: string;
  /** Set for cards that went through issuance. */
  jpki?: { auth: string; sign: string; certified: boolean; authTriesLeft?: number; signTriesLeft?: number };
  cardInfoTriesLeft?: number;
}

const residents: ResidentSpec[] = [
  { id: 'r01-ordinary', case: 'ordinary', note: 'Adult, card without certificates: new issuance.', name: '那加　太郎', nameKana: 'ナカ　タロウ', address: '岐阜県各務原市那加桜町二丁目１８６番地', birthDate: '1978-08-21', sex: '1', cardExpiry: '2034-08-21', cardInfoPin: '1357' },
  { id: 'r02-under15', case: 'under15', note: 'Born 2015: under 15, a legal representative applies (R-APP).', name: '鵜沼　さくら', nameKana: 'ウヌマ　サクラ', address: '岐阜県各務原市鵜沼各務原町八丁目７番地', birthDate: '2015-04-03', sex: '2', cardExpiry: '2030-04-03', cardInfoPin: '2468' },
  { id: 'r03-leap-day', case: 'leapDayBirthday', note: 'Born on 29 February: birthday counts as 28 February in common years (R-VAL-1).', name: '蘇原　閏', nameKana: 'ソハラ　ジュン', address: '岐阜県各務原市蘇原中央町二丁目１番地の５', birthDate: '1996-02-29', sex: '1', cardExpiry: '2035-02-28', cardInfoPin: '9020' },
  { id: 'r04-card-expires-early', case: 'cardExpiresBeforeFifthBirthday', note: 'Card expires before the 5th birthday: certificates end with the card (R-VAL-3).', name: '川島　恵子', nameKana: 'カワシマ　ケイコ', address: '岐阜県各務原市川島笠田町１２３４番地', birthDate: '1969-11-30', sex: '2', cardExpiry: '2027-11-30', cardInfoPin: '4321' },
  { id: 'r05-other-city', case: 'otherMunicipality', note: 'Address in Gifu city (21201): not registered here (R-ELIG-5).', name: '長良　川男', nameKana: 'ナガラ　カワオ', address: '岐阜県岐阜市司町４０番地１', municipalityCode: '21201', birthDate: '1985-05-05', sex: '1', cardExpiry: '2033-05-05', cardInfoPin: '5555' },
  { id: 'r06-sign-locked', case: 'signPinLocked', note: 'Signing password locked after 5 wrong entries: password reset.', name: '稲羽　誠', nameKana: 'イナバ　マコト', address: '岐阜県各務原市上戸町三丁目２番地', birthDate: '1972-01-15', sex: '1', cardExpiry: '2032-01-15', cardInfoPin: '8080', jpki: { auth: '2580', sign: 'INABA72', certified: true, signTriesLeft: 0 } },
  { id: 'r07-auth-locked', case: 'authPinLocked', note: 'Authentication PIN locked after 3 wrong entries: password reset.', name: '前渡　美咲', nameKana: 'マエド　ミサキ', address: '岐阜県各務原市前渡東町六丁目３番地', birthDate: '1990-07-07', sex: '2', cardExpiry: '2034-07-07', cardInfoPin: '7070', jpki: { auth: '1990', sign: 'MISAKI77', certified: true, authTriesLeft: 0 } },
  { id: 'r08-certified', case: 'certified', note: 'Both certificates written, chaining to the training CAs: renewal, revocation, OpenSC.', name: '各務　一郎', nameKana: 'カカミ　イチロウ', address: '岐阜県各務原市那加雄飛ケ丘町２３番地', birthDate: '1982-03-14', sex: '1', cardExpiry: '2035-03-14', cardInfoPin: '1111', jpki: { auth: '1234', sign: 'KAKAMI82', certified: true } },
  { id: 'r09-card-info-locked', case: 'cardInfoPinLocked', note: 'Card-info PIN locked: the basic 4 information cannot be read from the card.', name: '三井　和子', nameKana: 'ミツイ　カズコ', address: '岐阜県各務原市三井町一丁目１０番地', birthDate: '1958-12-01', sex: '2', cardExpiry: '2030-12-01', cardInfoPin: '3690', cardInfoTriesLeft: 0 },
  { id: 'r10-juki', case: 'jukiCard', note: 'Basic Resident Register card: no new certificates (R-ELIG-3).', name: '尾崎　正', nameKana: 'オザキ　タダシ', address: '岐阜県各務原市尾崎南町四丁目５番地', birthDate: '1950-10-10', sex: '1', cardExpiry: '2025-12-21', cardType: 'jukiCard', cardInfoPin: '1010' },
  { id: 'r11-ordinary', case: 'ordinary', note: 'Adult, card without certificates.', name: '鵜沼　花子', nameKana: 'ウヌマ　ハナコ', address: '岐阜県各務原市鵜沼南町三丁目２０番地', birthDate: '2001-09-09', sex: '2', cardExpiry: '2035-09-09', cardInfoPin: '0909' },
  { id: 'r12-ordinary', case: 'ordinary', note: 'Adult, sex not recorded (JIS X 0303 code 9).', name: '稲田　晴', nameKana: 'イナダ　ハル', address: '岐阜県各務原市蘇原東島町一丁目４番地', birthDate: '1999-06-18', sex: '9', cardExpiry: '2034-06-18', cardInfoPin: '6180' },
];

/** 個人番号 check digit (the published formula of the numbering ordinance). */
function withCheckDigit(eleven: string): string {
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(eleven[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  return `${eleven}${r <= 1 ? 0 : 11 - r}`;
}

function hexLength(n: number): string {
  return n.toString(16).padStart(2, '0');
}

function expectOk(sw: Uint8Array, what: string): Uint8Array {
  const hi = sw[sw.length - 2];
  const lo = sw[sw.length - 1];
  if (hi !== 0x90 || lo !== 0x00) throw new Error(`${what}: SW ${Buffer.from(sw.subarray(-2)).toString('hex')}`);
  return sw.subarray(0, sw.length - 2);
}

function apdu(engine: VirtualCardEngine, head: string, data: Uint8Array = new Uint8Array(0), le?: string): Uint8Array {
  const parts = [Buffer.from(head, 'hex')];
  if (data.length > 0) parts.push(Buffer.from(hexLength(data.length), 'hex'), Buffer.from(data));
  if (le !== undefined) parts.push(Buffer.from(le, 'hex'));
  return engine.process(Buffer.concat(parts));
}

function select(engine: VirtualCardEngine, p1: string, id: string, what: string): void {
  expectOk(apdu(engine, `00A4${p1}0C`, Buffer.from(id, 'hex')), `select ${what}`);
}

function authenticate(engine: VirtualCardEngine, serial: string, issuerKey: KeyObject): void {
  const challenge = expectOk(apdu(engine, '00840000', new Uint8Array(0), '08'), 'GET CHALLENGE');
  const signature = sign('sha256', issuerAuthMessage(challenge, serial), { key: issuerKey, dsaEncoding: 'ieee-p1363' });
  expectOk(apdu(engine, '00820001', signature), 'EXTERNAL AUTHENTICATE');
}

function writeEf(engine: VirtualCardEngine, fid: string, der: Uint8Array): void {
  select(engine, '02', fid, `EF ${fid}`);
  for (let offset = 0; offset < der.length; offset += 240) {
    expectOk(apdu(engine, `00D6${offset.toString(16).padStart(4, '0')}`, der.subarray(offset, offset + 240)), `UPDATE BINARY ${fid}@${offset}`);
  }
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Compact UTC time for `openssl ca -startdate/-enddate`. */
function utc(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
}

/** JST midnight at the start of `iso`, and 23:59:59 JST at its end, as UTC instants. */
function jstStart(iso: string): Date {
  return new Date(`${iso}T00:00:00+09:00`);
}
function jstEnd(iso: string): Date {
  return new Date(`${iso}T23:59:59+09:00`);
}

/** A positive 128-bit serial, even number of hex digits as openssl wants. */
function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x3f) | 0x10;
  return bytes.toString('hex');
}

const eraDigit = (birth: string): string => (birth >= '2019-05-01' ? '5' : birth >= '1989-01-08' ? '4' : birth >= '1926-12-25' ? '3' : '2');

interface CaFiles {
  key: string;
  cert: string;
}

/** Issues an EE certificate for the card's key through `openssl ca` (exact start/end dates). */
function issueEe(work: string, ca: CaFiles, keyPem: string, kind: 'sign' | 'auth', r: ResidentSpec & { individualNumber: string }, notAfter: string, serialHex: string): Uint8Array {
  const keyFile = path.join(work, `${r.id}-${kind}.key`);
  fs.writeFileSync(keyFile, keyPem, { mode: 0o600 });
  const opaque = `${kind === 'sign' ? 'S' : 'A'}TRAINING${r.individualNumber.slice(-6)}${serialHex.slice(-6).toUpperCase()}`;
  const dn = kind === 'sign' ? `/C=JP/L=Gifu-ken/L=${r.municipalityCode === '21201' ? 'Gifu-shi' : 'Kakamigahara-shi'}/CN=${opaque}` : `/C=JP/CN=${opaque}`;
  const csr = path.join(work, `${r.id}-${kind}.csr`);
  openssl(['req', '-new', '-utf8', '-key', keyFile, '-subj', dn, '-out', csr], work);
  // A section, not a comma list: the FORMAT:UTF8 modifier itself contains a comma.
  const sanSection = [
    `otherName.1=1.2.392.200149.8.5.5.1;FORMAT:UTF8,UTF8:${r.name}`,
    `otherName.2=1.2.392.200149.8.5.5.2;FORMAT:UTF8,UTF8:${r.name}`,
    `otherName.3=1.2.392.200149.8.5.5.3;FORMAT:UTF8,UTF8:${r.sex}`,
    `otherName.4=1.2.392.200149.8.5.5.4;FORMAT:UTF8,UTF8:${eraDigit(r.birthDate)}${r.birthDate.replaceAll('-', '')}`,
    `otherName.5=1.2.392.200149.8.5.5.5;FORMAT:UTF8,UTF8:${r.address}`,
    `otherName.6=1.2.392.200149.8.5.5.6;FORMAT:UTF8,UTF8:${r.address}`,
  ];
  const ext = kind === 'sign'
    ? ['keyUsage=critical,digitalSignature,nonRepudiation', 'certificatePolicies=1.2.392.200149.8.5.1.1.20', 'subjectAltName=@san']
    : ['keyUsage=critical,digitalSignature', 'certificatePolicies=1.2.392.200149.8.5.1.3.30'];
  fs.writeFileSync(path.join(work, 'index.txt'), '');
  fs.writeFileSync(path.join(work, 'serial'), `${serialHex}\n`);
  fs.writeFileSync(
    path.join(work, 'ca.cnf'),
    ['[ca]', 'default_ca=training', '[training]', `dir=${work}`, 'database=$dir/index.txt', 'serial=$dir/serial', 'new_certs_dir=$dir', 'default_md=sha256', 'policy=anything', 'unique_subject=no', 'preserve=yes', 'utf8=yes', 'string_mask=utf8only', 'copy_extensions=none', '[anything]', 'C=optional', 'L=optional', 'CN=optional', '[ee]', 'basicConstraints=critical,CA:FALSE', 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid', ...ext, '[san]', ...sanSection, ''].join('\n'),
  );
  const out = path.join(work, `${r.id}-${kind}.der`);
  const startDate = utc(jstStart(issueDate));
  const endDate = utc(jstEnd(notAfter));
  openssl(['ca', '-batch', '-config', 'ca.cnf', '-extensions', 'ee', '-preserveDN', '-notext', '-cert', ca.cert, '-keyfile', ca.key, '-startdate', startDate, '-enddate', endDate, '-in', csr, '-out', `${out}.pem`], work);
  openssl(['x509', '-in', `${out}.pem`, '-outform', 'DER', '-out', out], work);
  return new Uint8Array(fs.readFileSync(out));
}

function pemToDer(pemText: string): Uint8Array {
  const body = pemText.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

function main(): void {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = path.resolve(outIndex >= 0 ? (args[outIndex + 1] ?? '') : path.join(process.cwd(), 'resources', 'training'));
  if (fs.existsSync(path.join(out, 'residents.json')) && !args.includes('--force')) {
    console.error(`${out} already holds training material; pass --force to regenerate it all`);
    process.exitCode = 1;
    return;
  }
  fs.mkdirSync(path.join(out, 'issuer'), { recursive: true });
  fs.mkdirSync(path.join(out, 'cards'), { recursive: true });

  const issuer = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const issuerPub = issuer.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  fs.writeFileSync(path.join(out, 'issuer', 'issuer-key.pem'), issuer.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  fs.writeFileSync(path.join(out, 'issuer', 'issuer-pub.pem'), issuerPub);
  fs.writeFileSync(path.join(out, 'issuer', 'README.md'), '# TRAINING issuer key\n\nECDSA P-256 key that the shipped training cards trust for issuer authentication.\nTraining only: a production configuration refuses it.\n');

  const caDir = path.join(out, 'ca');
  writeJpkiHierarchy(caDir, 'JPKI-TRAINING');
  const caFiles = { sign: { key: path.join(caDir, 'sign-ca-key.pem'), cert: path.join(caDir, 'sign-ca-cert.pem') }, auth: { key: path.join(caDir, 'auth-ca-key.pem'), cert: path.join(caDir, 'auth-ca-cert.pem') } };
  const caDer = { sign: pemToDer(fs.readFileSync(caFiles.sign.cert, 'utf8')), auth: pemToDer(fs.readFileSync(caFiles.auth.cert, 'utf8')) };

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-training-'));
  const entries: TrainingResident[] = [];
  try {
    residents.forEach((r, i) => {
      const individualNumber = withCheckDigit(`${(31_415_926_530 + i * 7_919).toString().padStart(11, '0')}`);
      const serial = `${municipality.code}${(4_200_000_000 + i * 1_013).toString().padStart(10, '0')}`;
      const municipalityCode = r.municipalityCode ?? municipality.code;
      const state: CardState = createCardState({
        cardType: r.cardType ?? 'myNumberCard',
        serial,
        municipalityCode,
        cardExpiry: r.cardExpiry.replaceAll('-', ''),
        individualNumber,
        basicInfo: { name: r.name, address: r.address, birthDate: r.birthDate, sex: r.sex },
        cardInfoPin: r.cardInfoPin,
        trustedIssuerKeys: [issuerPub],
        training: true,
      });
      let finalState = state;
      if (r.jpki !== undefined) {
        const engine = VirtualCardEngine.fromState(state);
        select(engine, '04', 'D392F000260100000001', 'JPKI AP');
        authenticate(engine, serial, issuer.privateKey);
        for (const [fid, pin] of [['0018', r.jpki.auth], ['001B', r.jpki.sign]] as const) {
          select(engine, '02', fid, `PIN ${fid}`);
          expectOk(apdu(engine, '002C0280', Buffer.from(pin, 'latin1')), `RESET RETRY COUNTER ${fid}`);
        }
        expectOk(apdu(engine, '00478000', Buffer.from('0017', 'hex')), 'GENERATE 0017');
        expectOk(apdu(engine, '00478000', Buffer.from('001A', 'hex')), 'GENERATE 001A');
        if (r.jpki.certified) {
          const expiry = certificateExpiry({ birthDate: r.birthDate, issueDate, cardExpiry: r.cardExpiry });
          const keys = engine.snapshot().keys;
          const authDer = issueEe(work, caFiles.auth, keys.auth ?? '', 'auth', { ...r, individualNumber }, expiry.auth ?? r.cardExpiry, randomSerialHex());
          const signDer = issueEe(work, caFiles.sign, keys.sign ?? '', 'sign', { ...r, individualNumber }, expiry.sign ?? r.cardExpiry, randomSerialHex());
          writeEf(engine, '000B', caDer.auth);
          writeEf(engine, '0002', caDer.sign);
          writeEf(engine, '000A', authDer);
          writeEf(engine, '0001', signDer);
        }
        finalState = engine.snapshot();
        if (r.jpki.authTriesLeft !== undefined) finalState.pins.auth.triesLeft = r.jpki.authTriesLeft;
        if (r.jpki.signTriesLeft !== undefined) finalState.pins.sign.triesLeft = r.jpki.signTriesLeft;
      }
      if (r.cardInfoTriesLeft !== undefined) finalState.pins.cardInfo.triesLeft = r.cardInfoTriesLeft;
      const cardFile = `cards/${r.id}.json`;
      saveCardFile(path.join(out, cardFile), finalState);
      entries.push({
        id: r.id,
        case: r.case,
        note: r.note,
        facts: { name: r.name, nameKana: r.nameKana, address: r.address, municipalityCode, birthDate: r.birthDate, sex: r.sex, individualNumber, cardType: r.cardType ?? 'myNumberCard', cardSerial: serial, cardExpiry: r.cardExpiry },
        cardFile,
        pins: { cardInfo: r.cardInfoPin, auth: r.jpki?.auth ?? null, sign: r.jpki?.sign ?? null },
      });
    });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const doc = residentsFileSchema.parse({ training: true, municipality, residents: entries });
  fs.writeFileSync(path.join(out, 'residents.json'), `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`training material written to ${out}: ${entries.length} residents`);
}

main();
