import { chromiumArgs, hasDisplay, launchChromium } from '../../../src/host/browser-shell/chromium';

describe('Chromium for the browser shell', () => {
  const url = 'http://127.0.0.1:4321/#token=ab';

  test('app mode on the URL, a fresh profile, no first-run, sync or background traffic', () => {
    expect(chromiumArgs(url, '/data/chromium-profile-x', false)).toEqual([
      `--app=${url}`,
      '--user-data-dir=/data/chromium-profile-x',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ]);
  });

  test('--no-sandbox only when running as root', () => {
    expect(chromiumArgs(url, '/p', true)).toContain('--no-sandbox');
    expect(chromiumArgs(url, '/p', false)).not.toContain('--no-sandbox');
  });

  test.each([
    [{}, false],
    [{ DISPLAY: '' }, false],
    [{ DISPLAY: ':0' }, true],
    [{ WAYLAND_DISPLAY: 'wayland-0' }, true],
  ])('a display in %p: %p', (env, expected) => {
    expect(hasDisplay(env)).toBe(expected);
  });

  test('nothing is launched without a display or without the binary', () => {
    expect(launchChromium(url, '/nonexistent', {}, '/bin/true')).toBeUndefined();
    expect(launchChromium(url, '/nonexistent', { DISPLAY: ':0' }, '/nonexistent/chromium')).toBeUndefined();
  });
});
