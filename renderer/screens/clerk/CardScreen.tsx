/**
 * The card on the reader: its facts, PIN tries, certificates and warnings (each naming its
 * rule), and the ways on: the applicant enters the card-info PIN, the clerk types the facts, or
 * a procedure that needs no basic 4 information starts at once.
 */
import type { CardCertificateView, CardSummary, PinTries } from '../../../src/api/visit';
import type { StepState } from '../../app/steps';
import { useSession } from '../../api/ApiProvider';
import { Button } from '../../components/Button/Button';
import { DataTable } from '../../components/DataTable/DataTable';
import { Notice } from '../../components/Notice/Notice';
import { Section } from '../../components/Section/Section';
import { useI18n } from '../../i18n/I18nProvider';
import { CaRecords } from './CaRecords';
import { ClerkLayout } from './ClerkLayout';
import { NoticeList } from './NoticeList';
import { useClerkCommand } from './useClerkCommand';

const directProcedures = ['pickUp', 'resetPin', 'changePin', 'revoke'] as const;
const certificateKinds = ['sign', 'auth'] as const;

export function CardScreen({ state }: { readonly state: StepState<'cardPresent'> }) {
  const { t, errorText } = useI18n();
  const { send, errorCode } = useClerkCommand();
  const { card } = state;
  const cardInfo = card.pins.cardInfo;
  const cardInfoReason = cardInfo === null ? t('clerk.card.cardInfoMissing') : cardInfo.isBlocked ? t('clerk.card.cardInfoLocked') : undefined;
  return (
    <ClerkLayout title={t('clerk.card.title')} notice={state.notice} errorCode={errorCode} onCancel={() => send({ type: 'cancel' })}>
      {state.readError !== null && (
        <Notice tone="error" title={t('clerk.card.readError')}>
          <p>{errorText(state.readError.code)}</p>
        </Notice>
      )}
      <CardWarnings card={card} />
      <CaRecords card={card} />
      <CardFacts card={card} />
      <Section headingId="clerk-card-next" title={t('clerk.card.next')}>
        <h3>{t('clerk.card.identityChoice')}</h3>
        <div className="clerk-buttons">
          <Button onPress={() => send({ type: 'readCardInfo' })} disabledReason={cardInfoReason} describedBy="clerk-card-readinfo-help">
            {t('clerk.card.readCardInfo')}
          </Button>
          <Button variant="secondary" onPress={() => send({ type: 'typeFactsInstead' })}>
            {t('clerk.card.typeFacts')}
          </Button>
        </div>
        <p id="clerk-card-readinfo-help" className="field-support">
          {t('clerk.card.readCardInfoHelp')}
        </p>
        <h3>{t('clerk.card.otherProcedures')}</h3>
        <div className="clerk-buttons">
          {directProcedures.map((procedure) => (
            <Button key={procedure} variant="secondary" onPress={() => send({ type: 'chooseProcedure', procedure })}>
              {t('clerk.card.start', { procedure: t(`clerk.procedure.${procedure}`) })}
            </Button>
          ))}
        </div>
      </Section>
    </ClerkLayout>
  );
}

function CardWarnings({ card }: { readonly card: CardSummary }) {
  const t = useI18n().t;
  return (
    <Section headingId="clerk-card-warnings" title={t('clerk.card.warnings')}>
      {card.warnings.length === 0 ? (
        <p>{t('clerk.card.noWarnings')}</p>
      ) : (
        <NoticeList tone="warning" live="off" items={card.warnings.map((w) => t(`clerk.warning.${w}`))} />
      )}
    </Section>
  );
}

/** The card's facts, tries and certificates; the identity screen reuses it for R-ELIG-5. */
export function CardFacts({ card }: { readonly card: CardSummary }) {
  const { t, formatDate } = useI18n();
  const session = useSession();
  const own = session?.terminal.municipalityCode;
  const municipality = own === undefined ? card.municipalityCode : t(card.municipalityCode === own ? 'clerk.card.municipalityOwn' : 'clerk.card.municipalityOther', { code: card.municipalityCode });
  const certificateState = (view: CardCertificateView) =>
    view.state === 'present' ? (view.isExpired ? t('clerk.certState.expired') : t('clerk.certState.present')) : t(`clerk.certState.${view.state}`);
  const none = t('clerk.card.none');
  const tries = (p: PinTries | null) =>
    p === null ? t('clerk.card.noCardInfo') : p.isBlocked ? t('clerk.card.locked') : t('clerk.card.triesLeft', { left: p.triesLeft, max: p.maxTries });
  return (
    <>
      <Section headingId="clerk-card-facts" title={t('clerk.card.facts')}>
        <dl className="clerk-facts">
          <dt>{t('clerk.card.type')}</dt>
          <dd>{t(`clerk.cardType.${card.cardType}`)}</dd>
          <dt>{t('clerk.card.serial')}</dt>
          <dd>{card.serial}</dd>
          <dt>{t('clerk.card.municipality')}</dt>
          <dd>{municipality}</dd>
          <dt>{t('clerk.card.expiry')}</dt>
          <dd>{formatDate(card.cardExpiry)}</dd>
          <dt>{t('clerk.card.reader')}</dt>
          <dd>{card.reader}</dd>
        </dl>
      </Section>
      <Section headingId="clerk-card-pins" title={t('clerk.card.pins')}>
        <dl className="clerk-facts">
          <dt>{t('clerk.pin.sign')}</dt>
          <dd>{tries(card.pins.sign)}</dd>
          <dt>{t('clerk.pin.auth')}</dt>
          <dd>{tries(card.pins.auth)}</dd>
          <dt>{t('clerk.pin.cardInfo')}</dt>
          <dd>{tries(card.pins.cardInfo)}</dd>
        </dl>
      </Section>
      <Section headingId="clerk-card-certs" title={t('clerk.card.certificates')}>
        <DataTable
          className="clerk-table"
          rows={certificateKinds.map((kind) => ({ kind, view: card.certificates[kind] }))}
          rowKey={(c) => c.kind}
          columns={[
            { header: t('clerk.card.certKind'), cell: (c) => t(`clerk.cert.${c.kind}`), isRowHeader: true },
            { header: t('clerk.card.certState'), cell: (c) => certificateState(c.view) },
            { header: t('clerk.card.certSerial'), cell: (c) => (c.view.state === 'present' ? c.view.serial : none) },
            { header: t('clerk.card.certExpiry'), cell: (c) => (c.view.state === 'present' ? formatDate(c.view.expiry) : none) },
          ]}
        />
      </Section>
    </>
  );
}
