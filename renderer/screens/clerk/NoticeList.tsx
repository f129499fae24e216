/**
 * A notice whose words are a list, one reason or warning a line, so the clerk reads each of them
 * rather than one sentence that runs them together.
 */
import { Notice, type NoticeProps } from '../../components/Notice/Notice';

export interface NoticeListProps extends Pick<NoticeProps, 'tone' | 'title' | 'live'> {
  /** The words of each line; also its key, as no two lines say the same. */
  readonly items: readonly string[];
}

export function NoticeList({ tone, title, live, items }: NoticeListProps) {
  return (
    <Notice tone={tone} title={title} live={live}>
      <ul className="clerk-list">
        {items.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </Notice>
  );
}
