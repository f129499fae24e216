/**
 * 再発行: a document printed again after the visit says so at its top, with the day of the
 * reprint, so the copy is never taken for the original handed over at the counter.
 */
import { useI18n } from '../../../i18n/I18nProvider';
import './documents.css';

export function ReissueMark({ isoDate }: { readonly isoDate: string }) {
  const { t, formatDate } = useI18n();
  return <p className="print-reissued">{t('doc.reissued', { date: formatDate(isoDate) })}</p>;
}
