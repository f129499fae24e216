/**
 * The procedure: new issuance, renewal, password reset, pick-up, revocation, a voluntary proxy's
 * first visit (filed as issuance; the applicant screen then names the proxy), or the second
 * visit continuing an application awaiting its reply (R-PROC-5).
 */
import { useState, type FormEvent } from 'react';
import type { VisitCommand } from '../../../src/api/visit';
import { procedures, type Procedure } from '../../../src/domain/vocabulary';
import type { StepState } from '../../app/steps';
import { Button } from '../../components/Button/Button';
import { RadioGroup } from '../../components/RadioGroup/RadioGroup';
import { useI18n } from '../../i18n/I18nProvider';
import { ClerkLayout } from './ClerkLayout';
import { tokyoIsoDate } from './clerkTime';
import { useClerkCommand } from './useClerkCommand';

type BaseChoice = Procedure | 'proxyFirst';
type Choice = BaseChoice | `second:${string}`;

function isProcedure(choice: Choice): choice is Procedure {
  return (procedures as readonly string[]).includes(choice);
}

export function ProcedureScreen({ state }: { readonly state: StepState<'procedure'> }) {
  const { t, formatDate } = useI18n();
  const { send, errorCode } = useClerkCommand();
  const [choice, setChoice] = useState<Choice | null>(null);
  const hasCard = state.card !== null;
  const base: readonly BaseChoice[] = hasCard ? ['issue', 'renew', 'resetPin', 'changePin', 'pickUp', 'revoke', 'proxyFirst'] : ['revoke', 'proxyFirst'];
  const awaiting = state.card?.awaitingReply ?? [];
  const certificateList = (kinds: readonly ('sign' | 'auth')[]) => kinds.map((k) => t(`clerk.cert.${k}`)).join(t('clerk.applicant.listSeparator'));
  const options = [
    ...base.map((c): { value: Choice; label: string; supportText?: string } => ({ value: c, label: t(`clerk.procedure.${c}`), supportText: t(`clerk.home.help.${c}`) })),
    ...awaiting.map((a) => ({
      value: `second:${a.applicationId}` as Choice,
      label: t('clerk.procedure.secondVisit', { procedure: t(`clerk.procedure.${a.procedure}`), date: formatDate(tokyoIsoDate(a.filedAt)), certificates: certificateList(a.certificates) }),
    })),
  ];

  const commandFor = (c: Choice): VisitCommand => {
    if (c === 'proxyFirst') return { type: 'chooseProcedure', procedure: 'issue' };
    if (isProcedure(c)) return { type: 'chooseProcedure', procedure: c };
    const id = c.slice('second:'.length);
    const filed = awaiting.find((a) => a.applicationId === id);
    return { type: 'chooseProcedure', procedure: filed?.procedure ?? 'issue', continuesApplicationId: id };
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (choice !== null) send(commandFor(choice));
  };

  return (
    <ClerkLayout title={t('clerk.procedure.title')} errorCode={errorCode} onBack={() => send({ type: 'back' })} onCancel={() => send({ type: 'cancel' })}>
      {state.basicInfo !== null && <p>{t('clerk.procedure.person', { name: state.basicInfo.name })}</p>}
      {!hasCard && <p>{t('clerk.procedure.withoutCardNote')}</p>}
      <form className="clerk-form" onSubmit={submit} noValidate>
        <RadioGroup legend={t('clerk.procedure.legend')} required value={choice} onChange={setChoice} options={options} />
        <Button type="submit" size="large" disabledReason={choice === null ? t('clerk.procedure.chooseFirst') : undefined}>
          {t('clerk.procedure.submit')}
        </Button>
      </form>
      <Button variant="tertiary" onPress={() => send({ type: 'typeFactsInstead' })}>
        {t('clerk.procedure.retypeFacts')}
      </Button>
    </ClerkLayout>
  );
}
