/**
 * Card read speed through pcscd + vpcd + the virtual card: our client against OpenSC's
 * pkcs15-tool reading the same certificates, in the same run, alternating. Prints one JSON
 * document and writes bench/results/card-read.json.
 *
 *   --iterations N   rounds per side (default 10)
 *
 * One round of ours: connect (exclusive), verify the signing PIN, read the auth and signing
 * certificates, read all PIN tries, close. The PC/SC context is opened once (its reader
 * discovery waits for pcsclite's first status events, which is not card time).
 * One round of OpenSC: `pkcs15-tool --read-certificate 01`, then `--read-certificate 02
 * --verify-pin --auth-id 02 --pin …` (each run binds the token, which reads the PIN tries).
 * APDUs are counted at the virtual card for both sides, and for ours also at our transport.
 */
import { CardModel } from '../src/card/card-model';
import { PcscContext } from '../src/card/pcsc-transport';
import { CountingTransport } from '../src/card/transport';
import { isQuickAckAvailable } from '../src/virtual-card/quickack';
import { ensurePcscd, insertVirtualCard, readerIndex, runTool } from '../test/support/pcscd';
import { ascii, blankState, directCard, issuerKey, personaliseWith, testCa } from '../test/unit/card/support';
import { iterationsOption, median, round2, writeResult } from './support/host-process';

const signPin = 'ABC123';

async function main(): Promise<void> {
  const iterations = iterationsOption(10, 200);

  // Personalise in-process before the card goes into the reader (openssl runs synchronously here).
  const issuer = issuerKey();
  const ca = testCa();
  let state;
  try {
    const direct = directCard(blankState(issuer));
    await personaliseWith(direct.card, issuer, ca, { sign: signPin, auth: '1234' });
    state = direct.engine.snapshot();
  } finally {
    ca.dispose();
  }

  const pcscd = await ensurePcscd();
  const inserted = await insertVirtualCard(0, state);
  let engineApdus = 0;
  const original = inserted.engine.process.bind(inserted.engine);
  inserted.engine.process = (apdu: Uint8Array): Uint8Array => {
    engineApdus += 1;
    return original(apdu);
  };
  const context = await PcscContext.open();
  try {
    await context.waitForCard(inserted.readerName, 10_000);
    const reader = String(await readerIndex(inserted.readerName));
    const ours: number[] = [];
    const opensc: number[] = [];
    let ourApdus = 0;
    let ourEngineApdus = 0;
    let openscEngineApdus = 0;
    const certificateBytes: Record<string, number> = {};

    for (let i = 0; i < iterations; i++) {
      // Ours.
      let before = engineApdus;
      let started = performance.now();
      const counting = new CountingTransport(await context.connect(inserted.readerName));
      try {
        const card = new CardModel(counting);
        await card.verifyPin('sign', ascii(signPin));
        const certs = await card.readCertificates(['auth', 'sign']);
        await card.readPinStatus();
        for (const slot of ['auth', 'sign'] as const) {
          const read = certs[slot];
          if (read.state !== 'present') throw new Error(`our client did not read the ${slot} certificate`);
          certificateBytes[slot] = read.certificate.der.length;
        }
      } finally {
        await counting.close();
      }
      ours.push(performance.now() - started);
      ourApdus = counting.count;
      ourEngineApdus = engineApdus - before;

      // OpenSC.
      before = engineApdus;
      started = performance.now();
      const auth = await runTool('pkcs15-tool', ['-r', reader, '--read-certificate', '01']);
      const sign = await runTool('pkcs15-tool', ['-r', reader, '--read-certificate', '02', '--verify-pin', '--auth-id', '02', '--pin', signPin]);
      opensc.push(performance.now() - started);
      if (auth.code !== 0 || sign.code !== 0 || !sign.stdout.includes('BEGIN CERTIFICATE')) throw new Error(`pkcs15-tool failed: ${auth.stderr}${sign.stderr}`);
      openscEngineApdus = engineApdus - before;
    }

    const result = {
      benchmark: 'card-read',
      date: new Date().toISOString(),
      iterations,
      quickAck: isQuickAckAvailable,
      certificateBytes,
      ours: { medianMs: median(ours), apdusAtTransport: ourApdus, apdusAtCard: ourEngineApdus, samplesMs: ours.map(round2) },
      opensc: { medianMs: median(opensc), apdusAtCard: openscEngineApdus, processes: 2, samplesMs: opensc.map(round2) },
      ratio: { openscOverOursTime: round2(median(opensc) / median(ours)), openscOverOursApdus: round2(openscEngineApdus / ourEngineApdus) },
    };
    writeResult('card-read', result);
  } finally {
    await context.close();
    await inserted.remove();
    await pcscd.release();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`card-read: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
