/**
 * Words for how a visit really ended and for what must be said before it goes on: a procedure
 * accepted but not finished, one that changed nothing, the warning before keys are made while
 * the CA cannot answer, and a refusal decided before the resident's turn.
 */
import type { Catalogue } from './types';

export const clerkOutcomeMessages = {
  'clerk.result.acceptedTitle': { ja: '{procedure}を受け付けました', en: '{procedure}: accepted, not finished yet' },
  'clerk.result.notYetTitle': { ja: '{procedure}はまだできません', en: '{procedure}: not possible yet' },
  'clerk.result.nothingTitle': { ja: '{procedure}：受け取る電子証明書はありません', en: '{procedure}: no certificates to pick up' },
  'clerk.result.notFinished': { ja: 'まだ終わっていません', en: 'Not finished yet' },
  'clerk.result.notFinishedIssuance': {
    ja: '新しい電子証明書はまだカードに入っていません。認証局が発行したあと、次にカードを窓口（どの窓口でも可）に持って来られたときに書き込みます。それまでは、電子証明書を使う手続き（コンビニ交付やe-Taxなど）はこのカードではできません。',
    en: 'The new certificates are not on the card yet. Once the CA has issued them, they are written onto the card the next time it is brought to a counter (any counter). Until then the card cannot be used for anything that needs a certificate (convenience-store copies, e-Tax and the like).',
  },
  'clerk.result.nothingWritten': { ja: 'カードには何も書き込んでいません', en: 'Nothing was written onto the card' },
  'clerk.result.notYetText': {
    ja: '認証局から電子証明書がまだ届いていないため、カードには何も書き込んでいません。カードの内容は変わっていません。認証局との通信が回復してから、もう一度カードをお持ちください（どの窓口でも受け取れます）。',
    en: 'The CA has not sent the certificates yet, so nothing was written and nothing on the card changed. Please bring the card again once the connection to the CA is back (any counter will do).',
  },
  'clerk.result.nothingText': {
    ja: 'このカードに書き込む電子証明書は見つかりませんでした。カードには何も書き込んでいません。新しい電子証明書が必要なときは、新規発行・更新の手続きをしてください。',
    en: 'No certificate is waiting for this card. Nothing was written onto it. If new certificates are needed, do a new issuance or renewal.',
  },

  'clerk.offline.title': { ja: '認証局と通信できません。電子証明書は今日はお渡しできません', en: 'The CA cannot be reached: no certificates can be handed over today' },
  'clerk.offline.readTogether': { ja: '申請者の方と一緒に読んで、進めるかどうかを決めてください。', en: 'Read this together with the applicant and decide together whether to go on.' },
  'clerk.offline.whatHappens': { ja: 'このまま進めると', en: 'If you go on now' },
  'clerk.offline.stopsNow': {
    ja: '今カードに入っている{certificates}は、この手続きでカードの中に新しい鍵を作るため、手続きを始めた時点で使えなくなります。',
    en: 'The {certificates} now on the card stop working as soon as the procedure starts, because it makes new keys on the card.',
  },
  'clerk.offline.newLater': {
    ja: '新しい電子証明書は、認証局との通信が回復して発行されたあと、次にカードを窓口に持って来られたときに書き込みます。どの窓口でも受け取れます。数日かかることがあります。',
    en: 'The new certificates are written onto the card the next time it is brought to a counter, once the connection to the CA is back and the CA has issued them. Any counter will do. This may take days.',
  },
  'clerk.offline.untilThen': {
    ja: 'それまでは、電子証明書を使う手続き（コンビニ交付やe-Taxなど）はこのカードではできません。',
    en: 'Until then the card cannot be used for anything that needs a certificate (convenience-store copies, e-Tax and the like).',
  },
  'clerk.offline.comeBack': { ja: '今日はやめる場合', en: 'If you stop for today' },
  'clerk.offline.comeBackText': {
    ja: 'カードは何も変わりません。今の電子証明書はそのまま使えます。通信が回復してから、あらためてお越しください。',
    en: 'Nothing on the card changes and the current certificates keep working. Please come back once the connection is restored.',
  },
  'clerk.offline.goOn': { ja: '了承を得たので、このまま進める（電子証明書は後日受取）', en: 'The applicant agrees: go on (certificates picked up later)' },
  'clerk.offline.stop': { ja: '今日はやめる（カードはそのまま）', en: 'Stop for today (the card stays as it is)' },

  'clerk.certs.refusedNext': {
    ja: '直せる内容（申請に来た人、書類）は「前の画面に戻る」で直してください。直せない場合は、受け付けられないことを確定して、申請者に理由をお伝えください。申請者の入力には進みません。',
    en: 'What can be corrected (who is applying, documents) is corrected with “Back”. Otherwise confirm the refusal and tell the applicant why. The applicant is not asked for passwords.',
  },
  'clerk.certs.submitRefusal': { ja: '受け付けられないことを確定する', en: 'Confirm the refusal' },
} as const satisfies Catalogue;
