import { render, screen, within } from '@testing-library/react';
import { Section } from '../../../renderer/components/Section/Section';

describe('Section', () => {
  it('is a region named by its own level-2 heading', () => {
    render(
      <Section headingId="visit-history" title="履歴">
        <p>本文</p>
      </Section>,
    );
    const region = screen.getByRole('region', { name: '履歴' });
    const heading = within(region).getByRole('heading', { level: 2, name: '履歴' });
    expect(heading.id).toBe('visit-history');
    expect(region.getAttribute('aria-labelledby')).toBe('visit-history');
    expect(within(region).getByText('本文')).toBeTruthy();
    expect(region.hasAttribute('aria-live')).toBe(false);
  });

  it('says its changes politely when asked to', () => {
    render(<Section headingId="visit-results" title="検索結果（2件）" live="polite" />);
    expect(screen.getByRole('region', { name: '検索結果（2件）' }).getAttribute('aria-live')).toBe('polite');
  });
});
