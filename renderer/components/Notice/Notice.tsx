import type { ReactNode } from 'react';
import { useT } from '../../i18n/I18nProvider';
import './Notice.css';

export type NoticeTone = 'info' | 'warning' | 'error' | 'success';

export interface NoticeProps {
  readonly tone: NoticeTone;
  /** Defaults to the tone's word (お知らせ, 注意, エラー, 完了) so colour is never the only signal. */
  readonly title?: ReactNode;
  readonly children?: ReactNode;
  /** Errors interrupt (alert); the rest wait their turn (status). Override for static notices. */
  readonly live?: 'assertive' | 'polite' | 'off';
}

// One distinct shape per tone, so the tone reads without colour too.
const icons: Record<NoticeTone, ReactNode> = {
  info: <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 15h-2v-6h2Zm0-8h-2V7h2Z" />,
  warning: <path d="M1 21h22L12 2Zm12-3h-2v-2h2Zm0-4h-2v-4h2Z" />,
  error: <path d="M15.7 2H8.3L2 8.3v7.4L8.3 22h7.4l6.3-6.3V8.3Zm-2.7 15h-2v-2h2Zm0-4h-2V7h2Z" />,
  success: <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-2 15-5-5 1.4-1.4 3.6 3.6 7.6-7.6L19 8Z" />,
};

export function Notice({ tone, title, children, live }: NoticeProps) {
  const t = useT();
  const mode = live ?? (tone === 'error' ? 'assertive' : 'polite');
  const role = mode === 'assertive' ? 'alert' : mode === 'polite' ? 'status' : undefined;
  return (
    <div className={`notice notice--${tone}`} role={role}>
      <svg className="notice-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        {icons[tone]}
      </svg>
      <div className="notice-body">
        <p className="notice-title">{title ?? t(`notice.${tone}`)}</p>
        {children !== undefined && <div className="notice-text">{children}</div>}
      </div>
    </div>
  );
}
