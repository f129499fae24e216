/** What the receipt tells the applicant to do next (R-PROC-6), by the core's `nextStep` code. */
import type { NextStep } from '../../src/api/contract';
import type { Words } from './errors';

export const nextStepMessages = {
  none: { ja: '手続きは完了しました。', en: 'The procedure is complete.' },
  presentCardForPickUp: {
    ja: '電子証明書は認証局との通信が回復し次第発行されます。次回いずれかの窓口でカードを提示すると、カードに書き込みます。',
    en: 'The certificates will be issued when the connection to the CA is back. They are written onto the card when it is next presented at any counter.',
  },
  awaitInquiryLetter: {
    ja: '照会書兼回答書を申請者の住所に郵送します。回答を記入のうえ、必要書類とともに窓口へお持ちください。',
    en: "An inquiry-and-reply letter is mailed to the applicant's registered address. Bring it back filled in, with the required documents.",
  },
  revocationReported: { ja: '失効を認証局に届け出ました。', en: 'The revocation was reported to the CA.' },
  revocationPending: { ja: '失効の届出は認証局との通信が回復し次第送信されます。', en: 'The revocation will be reported to the CA as soon as the connection is back.' },
  seeClerk: { ja: '窓口職員にお尋ねください。', en: 'Please ask the clerk.' },
} as const satisfies Record<NextStep, Words>;
