/**
 * Finding a past visit (clerks only): today's visits at first, or the visits of some days, of
 * one receipt number or of one card; each with where it stands in the clerk's words, and opened
 * to see what happened and to print its documents again. The host audits every search.
 */
import { useCallback, useEffect, useState } from 'react';
import type { VisitDetailView, VisitQuery, VisitSearchResult } from '../../../src/api/contract';
import { isIsoDate } from '../../../src/domain/local-date';
import { useApi } from '../../api/ApiProvider';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../components/Button/Button';
import { DataTable } from '../../components/DataTable/DataTable';
import { RadioGroup } from '../../components/RadioGroup/RadioGroup';
import { TextField } from '../../components/TextField/TextField';
import { Section } from '../../components/Section/Section';
import { useI18n } from '../../i18n/I18nProvider';
import { ClerkLayout } from './ClerkLayout';
import { tokyoIsoDate, tokyoTime } from './clerkTime';
import { VisitDetail } from './VisitDetail';
import { useAsk } from './useAsk';
import { standingText } from './visitWords';

type SearchBy = VisitQuery['by'];
const searchKinds: readonly SearchBy[] = ['dates', 'receiptNumber', 'cardSerial'];
const receiptNumberPattern = /^\d{8}-\d{3,6}$/;
const cardSerialPattern = /^[0-9A-Za-z-]{1,64}$/;

interface Fields {
  readonly by: SearchBy;
  readonly from: string;
  readonly to: string;
  readonly receiptNumber: string;
  readonly cardSerial: string;
}

/** The query the fields make, or the message id saying what is wrong with them. */
function queryOf(fields: Fields): { query: VisitQuery } | { problem: 'clerk.visits.dateInvalid' | 'clerk.visits.rangeInvalid' | 'clerk.visits.receiptNumberInvalid' | 'clerk.visits.cardSerialInvalid' } {
  switch (fields.by) {
    case 'dates':
      if (!isIsoDate(fields.from) || !isIsoDate(fields.to)) return { problem: 'clerk.visits.dateInvalid' };
      if (fields.from > fields.to) return { problem: 'clerk.visits.rangeInvalid' };
      return { query: { by: 'dates', from: fields.from, to: fields.to } };
    case 'receiptNumber':
      return receiptNumberPattern.test(fields.receiptNumber.trim()) ? { query: { by: 'receiptNumber', receiptNumber: fields.receiptNumber.trim() } } : { problem: 'clerk.visits.receiptNumberInvalid' };
    case 'cardSerial':
      return cardSerialPattern.test(fields.cardSerial.trim()) ? { query: { by: 'cardSerial', cardSerial: fields.cardSerial.trim() } } : { problem: 'clerk.visits.cardSerialInvalid' };
  }
}

export function VisitSearchScreen() {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  const api = useApi();
  const { show } = useNavigation();
  const today = tokyoIsoDate(Date.now());
  const [fields, setFields] = useState<Fields>({ by: 'dates', from: today, to: today, receiptNumber: '', cardSerial: '' });
  const [result, setResult] = useState<VisitSearchResult | null>(null);
  const [opened, setOpened] = useState<VisitDetailView | null>(null);
  const { errorCode, setErrorCode, ask } = useAsk();
  const [submitted, setSubmitted] = useState(false);

  const search = useCallback(
    (query: VisitQuery) => {
      setResult(null);
      setOpened(null);
      ask(() => api.invoke('visits.find', { query }), setResult);
    },
    [api, ask],
  );
  // Today's visits first: the usual question is about someone seen earlier today.
  useEffect(() => search({ by: 'dates' }), [search]);

  const open = (applicationId: string) => ask(() => api.invoke('visits.get', { applicationId }), setOpened);

  const checked = queryOf(fields);
  const problem = submitted && 'problem' in checked ? t(checked.problem) : null;
  const set = (change: Partial<Fields>) => setFields((f) => ({ ...f, ...change }));
  const at = (ms: number) => t('clerk.visits.at', { date: formatDate(tokyoIsoDate(ms)), time: tokyoTime(ms) });
  const numberOf = (v: VisitSearchResult['visits'][number]) => v.receiptNumber ?? t('clerk.visits.noNumber');

  if (opened !== null) {
    return (
      <ClerkLayout title={t('clerk.visits.title')} errorCode={errorCode} onBack={() => setOpened(null)}>
        <VisitDetail visit={opened} onError={setErrorCode} />
      </ClerkLayout>
    );
  }

  return (
    <ClerkLayout title={t('clerk.visits.title')} errorCode={errorCode}>
      <form
        className="clerk-visit-search"
        aria-label={t('clerk.visits.title')}
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(true);
          if ('query' in checked) search(checked.query);
        }}
      >
        <RadioGroup legend={t('clerk.visits.searchBy')} name="visit-search-by" value={fields.by} onChange={(by) => set({ by })} options={searchKinds.map((by) => ({ value: by, label: t(`clerk.visits.by.${by}`) }))} />
        {fields.by === 'dates' && (
          <>
            <TextField label={t('clerk.visits.from')} value={fields.from} onChange={(from) => set({ from })} inputMode="numeric" maxLength={10} supportText="YYYY-MM-DD" error={problem} />
            <TextField label={t('clerk.visits.to')} value={fields.to} onChange={(to) => set({ to })} inputMode="numeric" maxLength={10} supportText="YYYY-MM-DD" error={problem} />
          </>
        )}
        {fields.by === 'receiptNumber' && (
          <TextField label={t('clerk.visits.by.receiptNumber')} value={fields.receiptNumber} onChange={(receiptNumber) => set({ receiptNumber })} inputMode="numeric" maxLength={15} supportText={t('clerk.visits.receiptNumberHint')} error={problem} />
        )}
        {fields.by === 'cardSerial' && (
          <TextField label={t('clerk.visits.by.cardSerial')} value={fields.cardSerial} onChange={(cardSerial) => set({ cardSerial })} maxLength={64} supportText={t('clerk.visits.cardSerialHint')} error={problem} />
        )}
        <Button type="submit">{t('clerk.visits.search')}</Button>
      </form>

      <Section
        headingId="visit-results"
        live="polite"
        title={
          result === null
            ? t('clerk.visits.searching')
            : result.days === null
              ? t('clerk.visits.results', { count: result.visits.length })
              : t('clerk.visits.resultsDays', { from: formatDate(result.days.from), to: formatDate(result.days.to), count: result.visits.length })
        }
      >
        {result !== null && result.more && <p>{t('clerk.visits.more', { count: result.visits.length })}</p>}
        {result !== null && (
          <DataTable
            className="clerk-table"
            rows={result.visits}
            rowKey={(v) => v.applicationId}
            empty={t('clerk.visits.none')}
            columns={[
              { header: t('clerk.visits.colNumber'), cell: numberOf, className: 'receipt-number' },
              { header: t('clerk.visits.colAt'), cell: (v) => at(v.createdAt) },
              {
                header: t('clerk.visits.colProcedure'),
                cell: (v) => (
                  <>
                    {t(`clerk.procedure.${v.procedure}`)}（{t(`clerk.applicantType.${v.applicantType}`)}）
                  </>
                ),
              },
              { header: t('clerk.visits.colStanding'), cell: (v) => standingText(i18n, v) },
              {
                header: t('clerk.visits.colOpen'),
                cell: (v) => (
                  <Button variant="secondary" onPress={() => open(v.applicationId)} ariaLabel={t('clerk.visits.openRow', { number: numberOf(v) })}>
                    {t('clerk.visits.colOpen')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Section>
      <Button variant="secondary" onPress={() => show('visit')}>
        {t('clerk.report.back')}
      </Button>
    </ClerkLayout>
  );
}
