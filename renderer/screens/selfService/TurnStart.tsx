import { IdleWarning } from '../../components/IdleWarning/IdleWarning';
import type { MessageId } from '../../i18n/messages';
import { RichText } from '../../i18n/RichText';
import type { IdleProps } from '../applicant/useApplicantTurn';

/** The top of a resident's step on the kiosk: the idle warning when time runs short, then what the step asks. */
export function TurnStart({ idle, lead }: { readonly idle: IdleProps; readonly lead: MessageId }) {
  return (
    <>
      <IdleWarning {...idle} />
      <p className="ss-lead">
        <RichText id={lead} />
      </p>
    </>
  );
}
