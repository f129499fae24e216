/** Renders a message with optional ruby: `{暗証番号|あんしょうばんごう}` → <ruby> when furigana is on. */
import { Fragment } from 'react';
import { useI18n } from './I18nProvider';
import { parseRuby, type Vars } from './format';
import type { MessageId } from './messages';

export function RichText({ id, vars }: { readonly id: MessageId; readonly vars?: Vars }) {
  const { tRich, showRuby } = useI18n();
  const segments = parseRuby(tRich(id, vars));
  return (
    <>
      {segments.map((segment, i) =>
        segment.ruby !== undefined && showRuby ? (
          <ruby key={i}>
            {segment.text}
            <rp>（</rp>
            <rt>{segment.ruby}</rt>
            <rp>）</rp>
          </ruby>
        ) : (
          <Fragment key={i}>{segment.text}</Fragment>
        ),
      )}
    </>
  );
}
