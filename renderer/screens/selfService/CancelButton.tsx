import type { SelfServiceCommand } from '../../../src/api/self-service';
import { useSelfService } from '../../api/ApiProvider';
import { Button, type ButtonVariant } from '../../components/Button/Button';
import { useI18n } from '../../i18n/I18nProvider';

export interface CancelButtonProps {
  /** Tertiary beside a main action and a secondary one; secondary where it stands alone. */
  readonly variant?: Extract<ButtonVariant, 'secondary' | 'tertiary'>;
  /** A screen that shows what a refused command said sends it its own way; otherwise straight to the flow. */
  readonly run?: (command: SelfServiceCommand) => void;
}

/** The kiosk's 「やめる」: ends the resident's visit from any step that asks something of them. */
export function CancelButton({ variant = 'secondary', run }: CancelButtonProps) {
  const { t } = useI18n();
  const { send } = useSelfService();
  return (
    <Button variant={variant} onPress={() => (run === undefined ? void send({ type: 'cancel' }) : run({ type: 'cancel' }))}>
      {t('ss.cancel')}
    </Button>
  );
}
