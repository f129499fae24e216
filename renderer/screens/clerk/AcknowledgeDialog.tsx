/**
 * Acknowledging a request refused for good takes it off the clerk's count for good (only a
 * later retry or refusal brings it back), so the clerk confirms it first. The safe choice comes
 * first and has the focus.
 */
import type { QueueRowView } from '../../../src/api/contract';
import { Button } from '../../components/Button/Button';
import { Dialog } from '../../components/Dialog/Dialog';
import { useT } from '../../i18n/I18nProvider';

export interface AcknowledgeDialogProps {
  /** The row to acknowledge, or null when the dialog is closed. */
  readonly row: QueueRowView | null;
  /** What the row asked of the CA, in words. */
  readonly what: string;
  readonly onConfirm: (row: QueueRowView) => void;
  readonly onCancel: () => void;
}

export function AcknowledgeDialog({ row, what, onConfirm, onCancel }: AcknowledgeDialogProps) {
  const t = useT();
  return (
    <Dialog
      open={row !== null}
      role="alertdialog"
      title={t('clerk.queue.acknowledgeConfirmTitle')}
      onClose={onCancel}
      actions={
        <>
          <Button variant="secondary" onPress={onCancel}>
            {t('clerk.queue.acknowledgeKeep')}
          </Button>
          <Button onPress={() => row !== null && onConfirm(row)}>{t('clerk.queue.acknowledge')}</Button>
        </>
      }
    >
      <p>{t('clerk.queue.acknowledgeConfirmBody', { id: row?.receiptNumber ?? t('clerk.visits.noNumber'), what })}</p>
    </Dialog>
  );
}
