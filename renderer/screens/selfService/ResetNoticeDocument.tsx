/**
 * The notice a resident reads on screen or takes away on paper after a self-service reset: what
 * was reset, when, where, the CA's reference for questions at the counter, the fee (none,
 * R-DOC-3) and what to do if it was not them. No personal data and never a password.
 */
import type { SelfServiceReceipt } from '../../../src/api/self-service';
import { useSession } from '../../api/ApiProvider';
import { useI18n } from '../../i18n/I18nProvider';
import '../clerk/documents/documents.css';

const timeJa = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' });
const timeEn = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo', timeZoneName: 'short' });

export function formatResetTime(at: number, lang: 'ja' | 'en'): string {
  return lang === 'ja' ? timeJa.format(new Date(at)) : timeEn.format(new Date(at));
}

export function ResetNoticeDocument({ receipt }: { readonly receipt: SelfServiceReceipt }) {
  const { t, lang } = useI18n();
  const municipality = useSession()?.terminal.municipalityName ?? '';
  return (
    <article className="print-document" aria-labelledby="ss-notice-title">
      <h2 id="ss-notice-title" className="print-title">
        {t('ss.notice.title')}
      </h2>
      {municipality !== '' && <p className="print-issuer">{t('doc.receipt.issuer', { municipality })}</p>}
      <dl className="print-facts">
        <dt>{t('ss.notice.what')}</dt>
        <dd>{t('ss.notice.whatValue', { name: t(`ss.kind.${receipt.resetKind}`) })}</dd>
        <dt>{t('ss.notice.when')}</dt>
        <dd>{formatResetTime(receipt.at, lang)}</dd>
        <dt>{t('ss.notice.terminal')}</dt>
        <dd>{receipt.terminalId}</dd>
        <dt>{t('ss.notice.reference')}</dt>
        <dd>{receipt.reference}</dd>
        <dt>{t('ss.notice.fee')}</dt>
        <dd>{t('ss.notice.free')}</dd>
      </dl>
      <ul>
        <li>{t('ss.done.body')}</li>
        <li>{t('ss.notice.notYou')}</li>
        <li>{t('doc.receipt.use')}</li>
        <li>{t('ss.notice.noSecrets')}</li>
      </ul>
    </article>
  );
}
