/**
 * axe-core as the renderer tests run it in jsdom: colour contrast and target size need layout,
 * which jsdom lacks (the Chromium end-to-end run checks them), and jsdom has no canvas for axe
 * to probe.
 */
import { act } from '@testing-library/react';
import axe from 'axe-core';

/** Registers a beforeAll that answers axe's canvas probe with no context. */
export function stubCanvas(): void {
  beforeAll(() => {
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  });
}

/** Every serious or critical finding under `root`, one line each: the rule and the elements. */
export async function seriousViolations(root: Element): Promise<string[]> {
  let results: axe.AxeResults | undefined;
  await act(async () => {
    results = await axe.run(root, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } } });
  });
  if (results === undefined) throw new Error('axe did not run');
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
