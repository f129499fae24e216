/**
 * The training CA's records of the certificates the training cards ship with. Those were issued
 * once, offline, by the training hierarchy, so no `simpleenroll` ever recorded them; without a
 * record the CA would not know which card each belongs to, and the training self-service
 * terminal (which needs exactly that) could reset nothing. At start in training mode the CA
 * records every shipped certificate it signed, for the card serial of the card it sits on.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { caLabels, certificateKinds } from '../domain/vocabulary';
import { sha256Hex } from '../pki/der';
import { cardStateSchema } from '../virtual-card/card-state';
import { loadResidents } from '../virtual-card/training';
import type { JpkiHierarchy } from './hierarchy';
import type { CaStore } from './store';

const certFileOf = { sign: 'signCert', auth: 'authCert' } as const;

/** Stands where a CSR hash would be: these certificates were not issued from a CSR here. */
export const trainingSeedMarker = 'training-seed';

/**
 * Records the shipped training certificates under `trainingDir` (residents.json and cards/)
 * that the given hierarchy signed. Idempotent: a serial already recorded is left as it is (its
 * revocation too). Returns how many were added.
 */
export function recordTrainingCertificates(store: CaStore, hierarchy: JpkiHierarchy, trainingDir: string): number {
  if (!existsSync(join(trainingDir, 'residents.json'))) return 0;
  const residents = loadResidents(trainingDir);
  let added = 0;
  store.transaction(() => {
    for (const resident of residents.residents) {
      const card = cardStateSchema.parse(JSON.parse(readFileSync(join(trainingDir, resident.cardFile), 'utf8')));
      // The resident's facts and the card must agree on which card this is.
      if (card.serial !== resident.facts.cardSerial) throw new Error(`training card ${resident.id}: serial ${card.serial} is not the resident's ${resident.facts.cardSerial}`);
      for (const kind of certificateKinds) {
        const file = card.files[certFileOf[kind]];
        if (!file.complete || file.data.length === 0) continue;
        const der = Buffer.from(file.data, 'base64');
        const cert = new X509Certificate(der);
        if (!cert.verify(new X509Certificate(hierarchy[kind].certDer).publicKey)) continue;
        const serial = cert.serialNumber.toUpperCase();
        if (store.certificate(serial) !== undefined) continue;
        store.insertCertificate({
          serial,
          label: caLabels[kind],
          spkiSha256: sha256Hex(new Uint8Array(cert.publicKey.export({ format: 'der', type: 'spki' }))),
          csrSha256: trainingSeedMarker,
          applicationId: `training:${resident.id}`,
          der,
          notBefore: new Date(cert.validFrom).toISOString(),
          notAfter: new Date(cert.validTo).toISOString(),
          issuedAt: new Date(cert.validFrom).toISOString(),
          municipalityCode: residents.municipality.code,
          cardSerial: card.serial,
        });
        added += 1;
      }
    }
  });
  return added;
}
