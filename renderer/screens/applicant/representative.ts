/**
 * R-ELIG-4: the legal representative sets the authentication PIN of an applicant under 15. An
 * adult ward, or a minor of 15 or more who came with a representative, sets their own, so the
 * screen must not tell the representative to do it for them.
 */
import { isUnder15 } from '../../../src/domain/age';
import type { StepState } from '../../app/steps';

// The counter's calendar day: ages turn over at midnight in Japan, whatever the machine's zone.
const isoInTokyo = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

export function representativeSetsPin(state: StepState<'passwords'>, now: Date = new Date()): boolean {
  if (state.applicant.applicantType !== 'legalRepresentative' || state.applicant.adultWard) return false;
  if (state.certificates.includes('sign')) return false;
  const birthDate = state.basicInfo?.birthDate;
  // A password reset may run without the basic 4 information; a representative bringing an
  // applicant who is not an adult ward and gets no signing certificate is then taken as under 15.
  if (birthDate === undefined) return true;
  try {
    return isUnder15(birthDate, isoInTokyo.format(now));
  } catch {
    // A birth date the domain refuses (in the future): say nothing rather than the wrong thing.
    return false;
  }
}
