import type { ReactNode } from 'react';
import { useT } from '../../i18n/I18nProvider';
import './ProgressSteps.css';

export type StepStatus = 'done' | 'current' | 'pending' | 'failed';

export interface ProgressStep {
  readonly key: string;
  readonly label: ReactNode;
  readonly status: StepStatus;
}

export interface ProgressStepsProps {
  /** Names the list for assistive technology (e.g. 「手続きの進み具合」). */
  readonly label: string;
  readonly steps: readonly ProgressStep[];
}

const marks: Record<StepStatus, string> = { done: '✓', current: '▶', pending: '・', failed: '✕' };

/** An ordered list with each step's state in words (not colour alone); the current one is aria-current. */
export function ProgressSteps({ label, steps }: ProgressStepsProps) {
  const t = useT();
  return (
    <ol className="progress" aria-label={label}>
      {steps.map((step) => (
        <li key={step.key} className={`progress-step progress-step--${step.status}`} aria-current={step.status === 'current' ? 'step' : undefined}>
          <span className="progress-mark" aria-hidden="true">
            {marks[step.status]}
          </span>
          <span className="progress-label">{step.label}</span>
          <span className="progress-status">（{t(`progress.${step.status}`)}）</span>
        </li>
      ))}
    </ol>
  );
}
