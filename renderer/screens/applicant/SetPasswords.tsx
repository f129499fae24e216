/**
 * Setting new passwords on the keypad (R-PW-3): each kind typed twice, the first entry under the
 * live R-PW checklist, then one confirmation that sends them all. Shared by the counter's
 * applicant step and the self-service terminal's new-password step. The characters live only in
 * zeroed-on-clear buffers, go to the caller as bytes, and are wiped as soon as they are handed over.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ErrorCode } from '../../../src/api/errors';
import { passwordsMatch, type PasswordKind } from '../../../src/domain/passwords';
import { Button } from '../../components/Button/Button';
import { Notice } from '../../components/Notice/Notice';
import { SecretDisplay } from '../../components/SecretDisplay/SecretDisplay';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageId } from '../../i18n/messages';
import { RichText } from '../../i18n/RichText';
import './applicant.css';
import { EntryColumns } from './EntryColumns';
import { EntryKeypad, KeyRefusal } from './EntryKeypad';
import { ruleLines } from './passwordRules';
import { useKeyEntry } from './useKeyEntry';
import { useSecretBuffer, type SecretBuffer } from './useSecretBuffer';

type Entry = 'first' | 'second';
type Phase = { readonly kind: PasswordKind; readonly entry: Entry } | { readonly kind: null };

export const secretCapacity: Record<PasswordKind, number> = { sign: 16, auth: 4 };

/** Both entries of one new password, as bytes. */
export interface TypedTwice {
  readonly typed: Uint8Array;
  readonly again: Uint8Array;
}

/** The bytes of each new password; the callee must not keep them (they are zeroed after it answers). */
export type NewSecrets = Partial<Record<PasswordKind, TypedTwice>>;

function wipe(secrets: NewSecrets): void {
  for (const pair of Object.values(secrets)) {
    pair.typed.fill(0);
    pair.again.fill(0);
  }
}

export interface SetPasswordsWords {
  readonly confirmTitle: MessageId;
  readonly confirmBody: MessageId;
  readonly confirm: MessageId;
}

const defaultWords: SetPasswordsWords = { confirmTitle: 'passwords.confirmTitle', confirmBody: 'passwords.confirmBody', confirm: 'passwords.confirm' };

export interface SetPasswordsProps {
  /** In the order they are typed. */
  readonly kinds: readonly PasswordKind[];
  /** Sends the bytes; answers null when accepted, else the error code to show. */
  readonly onSend: (secrets: NewSecrets) => Promise<ErrorCode | null>;
  /** Each key press (the applicant's turn may be extended). */
  readonly onActivity: () => void;
  readonly words?: SetPasswordsWords;
  /** Further actions beside the main one (the self-service terminal's 「やめる」). */
  readonly actions?: ReactNode;
}

export function SetPasswords({ kinds, onSend, onActivity, words = defaultWords, actions }: SetPasswordsProps) {
  const { t, errorText } = useI18n();
  const buffers: Record<PasswordKind, Record<Entry, SecretBuffer>> = {
    sign: { first: useSecretBuffer(secretCapacity.sign), second: useSecretBuffer(secretCapacity.sign) },
    auth: { first: useSecretBuffer(secretCapacity.auth), second: useSecretBuffer(secretCapacity.auth) },
  };
  const firstKind = kinds[0] ?? null;
  const [phase, setPhase] = useState<Phase>(firstKind === null ? { kind: null } : { kind: firstKind, entry: 'first' });
  // Which entry shows its characters: each display's own toggle reveals that entry only.
  const [revealed, setRevealed] = useState<Entry | null>(null);
  // Each new part (the second entry, the next password, the confirmation) replaces the button
  // that was pressed; focus moves to its heading rather than falling back to the page's start.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const phaseKey = phase.kind === null ? 'confirm' : `${phase.kind}.${phase.entry}`;
  const shownPhase = useRef(phaseKey);
  useEffect(() => {
    if (shownPhase.current === phaseKey) return;
    shownPhase.current = phaseKey;
    headingRef.current?.focus();
  }, [phaseKey]);
  const [isMismatch, setMismatch] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorCode | null>(null);
  const [lastSet, setLastSet] = useState<PasswordKind | null>(null);

  const wipeAll = () => {
    for (const kind of ['sign', 'auth'] as const) {
      buffers[kind].first.clear();
      buffers[kind].second.clear();
    }
    setRevealed(null);
  };

  const active = phase.kind === null ? null : buffers[phase.kind][phase.entry];
  const keys = useKeyEntry({
    kind: phase.kind,
    buffer: active,
    listening: !isBusy && phase.kind !== null,
    onEnter: () => (phase.kind !== null && phase.entry === 'first' ? toSecond() : check()),
    onActivity,
    onAllowed: () => setMismatch(false),
  });

  /** One entry's display; each entry has a show toggle of its own that reveals that entry only. */
  const entryDisplay = (kind: PasswordKind, entry: Entry) => ({
    label: t(`passwords.${entry}`),
    length: buffers[kind][entry].length,
    isRevealed: revealed === entry,
    onToggleReveal: () => setRevealed((was) => (was === entry ? null : entry)),
    reveal: buffers[kind][entry].peek,
    digitsOnly: kind === 'auth',
  });

  const firstOk = phase.kind !== null && ruleLines(phase.kind, buffers[phase.kind].first.peek()).ok;

  const toSecond = () => {
    if (phase.kind === null || !firstOk) return;
    keys.clearRefusal();
    setRevealed(null);
    setPhase({ kind: phase.kind, entry: 'second' });
  };

  const check = () => {
    if (phase.kind === null || phase.entry !== 'second') return;
    const pair = buffers[phase.kind];
    if (pair.second.length === 0) return;
    keys.clearRefusal();
    if (!passwordsMatch(phase.kind, pair.first.peek(), pair.second.peek())) {
      // R-PW-3: only the confirmation is typed again; the first entry met the rules.
      pair.second.clear();
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setRevealed(null);
    setLastSet(phase.kind);
    const next = kinds[kinds.indexOf(phase.kind) + 1];
    setPhase(next === undefined ? { kind: null } : { kind: next, entry: 'first' });
  };

  const restartOne = () => {
    if (phase.kind === null) return;
    buffers[phase.kind].first.clear();
    buffers[phase.kind].second.clear();
    setMismatch(false);
    setRevealed(null);
    setPhase({ kind: phase.kind, entry: 'first' });
  };

  const startOver = () => {
    wipeAll();
    setMismatch(false);
    setLastSet(null);
    setPhase(firstKind === null ? { kind: null } : { kind: firstKind, entry: 'first' });
  };

  const confirm = async () => {
    if (isBusy) return;
    const request: NewSecrets = Object.fromEntries(kinds.map((kind) => [kind, { typed: buffers[kind].first.bytes(), again: buffers[kind].second.bytes() }]));
    // Everything typed is wiped as soon as the bytes are on their way.
    wipeAll();
    setBusy(true);
    setFailure(null);
    let refused: ErrorCode | null;
    try {
      refused = await onSend(request);
    } finally {
      wipe(request);
    }
    setBusy(false);
    if (refused === null) return;
    setFailure(refused);
    setLastSet(null);
    setPhase(firstKind === null ? { kind: null } : { kind: firstKind, entry: 'first' });
  };

  return (
    <>
      {failure !== null && <Notice tone="error" title={errorText(failure)} />}
      <div role="status" className="applicant-status">
        {lastSet !== null && <p>{t('passwords.matched', { name: t(`passwords.${lastSet}.name`) })}</p>}
      </div>
      {phase.kind === null ? (
        <section aria-labelledby="passwords-confirm">
          <h2 id="passwords-confirm" ref={headingRef} tabIndex={-1}>
            {t(words.confirmTitle)}
          </h2>
          <p>{t(words.confirmBody)}</p>
          <div className="applicant-actions">
            <Button size="large" onPress={() => void confirm()} disabledReason={isBusy ? t('passwords.sending') : undefined}>
              {t(words.confirm)}
            </Button>
            <Button variant="secondary" onPress={startOver}>
              {t('passwords.startOver')}
            </Button>
            {actions}
          </div>
        </section>
      ) : (
        <section aria-labelledby="passwords-current">
          <h2 id="passwords-current" ref={headingRef} tabIndex={-1}>
            <RichText id={`passwords.${phase.kind}.name`} />
          </h2>
          <EntryColumns
            isWide={phase.kind === 'sign'}
            info={
              <>
                {kinds.length > 1 && <p>{t('passwords.progress', { index: kinds.indexOf(phase.kind) + 1, total: kinds.length })}</p>}
                <p className="field-support" id="passwords-rule">
                  {t(`passwords.${phase.kind}.rule`)}
                </p>
                <SecretDisplay {...entryDisplay(phase.kind, 'first')} active={phase.entry === 'first'} describedBy="passwords-rule" />
                {phase.entry === 'first' && <RuleChecklist kind={phase.kind} typed={buffers[phase.kind].first.peek()} />}
                {phase.entry === 'second' && (
                  <>
                    <SecretDisplay {...entryDisplay(phase.kind, 'second')} active />
                    {isMismatch && <Notice tone="error" title={t('passwords.mismatch')} />}
                  </>
                )}
                <KeyRefusal entry={keys} />
              </>
            }
            pad={
              <>
                <EntryKeypad kind={phase.kind} name={t(`passwords.${phase.kind}.name`)} entry={keys} />
                <div className="applicant-actions">
                  {phase.entry === 'first' ? (
                    <Button size="large" onPress={toSecond} disabledReason={firstOk ? undefined : t('passwords.fixFirst')}>
                      {t('passwords.toSecond')}
                    </Button>
                  ) : (
                    <>
                      <Button size="large" onPress={check} disabledReason={buffers[phase.kind].second.length === 0 ? t('passwords.needSecond') : undefined}>
                        {t('passwords.checkSecond')}
                      </Button>
                      <Button variant="secondary" onPress={restartOne}>
                        {t('passwords.restart')}
                      </Button>
                    </>
                  )}
                  {actions}
                </div>
              </>
            }
          />
        </section>
      )}
    </>
  );
}

function RuleChecklist({ kind, typed }: { readonly kind: PasswordKind; readonly typed: string }) {
  const { t } = useI18n();
  const { lines } = ruleLines(kind, typed);
  return (
    <div className="rules">
      <p className="rules-title" id={`rules-${kind}`}>
        {t('passwords.rules')}
      </p>
      <ul className="rules-list" aria-labelledby={`rules-${kind}`} aria-live="polite">
        {lines.map((line) => (
          <li key={line.id} className={line.isMet ? 'rules-item rules-item--met' : 'rules-item'}>
            <span aria-hidden="true" className="rules-mark">
              {line.isMet ? '✓' : '−'}
            </span>
            {t(line.id)}（{t(line.isMet ? 'passwords.ruleMet' : 'passwords.ruleUnmet')}）
          </li>
        ))}
      </ul>
    </div>
  );
}
