/**
 * Home: waiting for a card (or reading one). Lists the procedures, offers the start without a
 * card for the two procedures that allow it, and shows the readers.
 */
import type { StepState } from '../../app/steps';
import { useReaders } from '../../api/ApiProvider';
import { Button } from '../../components/Button/Button';
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';
import { ClerkLayout } from './ClerkLayout';
import { useClerkCommand } from './useClerkCommand';

const homeProcedures = [
  { key: 'issue', needsCard: true },
  { key: 'renew', needsCard: true },
  { key: 'resetPin', needsCard: true },
  { key: 'pickUp', needsCard: true },
  { key: 'revoke', needsCard: false },
  { key: 'proxyFirst', needsCard: false },
] as const;

export function AwaitingCardScreen({ state }: { readonly state: StepState<'awaitingCard' | 'readingCard'> }) {
  const { t, errorText } = useI18n();
  const readers = useReaders();
  const { send, errorCode } = useClerkCommand();
  const isReading = state.step === 'readingCard';
  return (
    <ClerkLayout title={t('clerk.home.title')} notice={state.step === 'awaitingCard' ? state.notice : null} errorCode={errorCode}>
      {isReading && (
        <Notice tone="info" title={t('clerk.home.reading', { reader: state.reader })} />
      )}
      {state.step === 'awaitingCard' && state.readError !== null && (
        <Notice tone="error" title={t('clerk.card.readError')}>
          <p>{errorText(state.readError.code)}</p>
          <p>{t('clerk.home.readAgain')}</p>
        </Notice>
      )}
      <section aria-labelledby="clerk-home-procedures">
        <h2 id="clerk-home-procedures">{t('clerk.home.procedures')}</h2>
        <ul className="clerk-list">
          {homeProcedures.map((p) => (
            <li key={p.key}>
              <strong>{t('clerk.home.procedureLine', { procedure: t(`clerk.procedure.${p.key}`), needs: t(p.needsCard ? 'clerk.home.needsCard' : 'clerk.home.noCardOk') })}</strong>
              <br />
              {t(`clerk.home.help.${p.key}`)}
            </li>
          ))}
        </ul>
      </section>
      {!isReading && (
        <section aria-labelledby="clerk-home-without">
          <h2 id="clerk-home-without">{t('clerk.home.withoutCard')}</h2>
          <p>{t('clerk.home.withoutCardText')}</p>
          <Button variant="secondary" onPress={() => send({ type: 'startWithoutCard' })}>
            {t('clerk.home.startWithoutCard')}
          </Button>
        </section>
      )}
      <section aria-labelledby="clerk-home-readers">
        <h2 id="clerk-home-readers">{t('clerk.home.readers')}</h2>
        {readers === null || readers.length === 0 ? (
          <Notice tone="warning">
            <p>{t('clerk.home.noReaders')}</p>
          </Notice>
        ) : (
          <ul className="clerk-list">
            {readers.map((r) => (
              <li key={r.name}>
                {t('clerk.home.readerLine', { reader: r.name, state: t(r.hasCard ? 'clerk.home.readerHasCard' : 'clerk.home.readerEmpty') })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </ClerkLayout>
  );
}

/** The reading state has no screen of its own: the home screen says the card is being read. */
export function ReadingCard({ state }: { readonly state: StepState<'readingCard'> }) {
  return <AwaitingCardScreen state={state} />;
}
