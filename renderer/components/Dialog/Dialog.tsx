import { useId, type ReactNode } from 'react';
import './Dialog.css';
import { useDialog } from './useDialog';

export interface DialogProps {
  readonly open: boolean;
  readonly title: ReactNode;
  readonly children: ReactNode;
  /** Called on Escape and by the caller's own cancel action. */
  readonly onClose: () => void;
  /** The buttons; the first one gets focus when the dialog opens. */
  readonly actions: ReactNode;
  /** 'alertdialog' for confirmations that interrupt (a last PIN try). */
  readonly role?: 'dialog' | 'alertdialog';
}

export function Dialog({ open, title, children, onClose, actions, role = 'dialog' }: DialogProps) {
  const { ref, onKeyDown } = useDialog(open, onClose);
  const titleId = useId();
  const bodyId = useId();
  if (!open) return null;
  return (
    <div className="dialog-backdrop">
      <div ref={ref} className="dialog" role={role} aria-modal="true" aria-labelledby={titleId} aria-describedby={bodyId} tabIndex={-1} onKeyDown={onKeyDown}>
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <div id={bodyId} className="dialog-body">
          {children}
        </div>
        <div className="dialog-actions">{actions}</div>
      </div>
    </div>
  );
}
