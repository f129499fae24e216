import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, hasDisplay, launchChromium } from '../../../../src/shells/browser/chromium';

describe('Chromium for the browser shell', () => {
  const url = 'http://127.0.0.1:4321/bootstrap?code=ab';

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

  describe('the profile directory', () => {
    let dataDir: string;
    beforeEach(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-chromium-'));
      // What an unclean stop leaves: a profile with history and sessions (and an older per-launch one).
      for (const name of ['chromium-profile', 'chromium-profile-Ab12Cd']) {
        mkdirSync(join(dataDir, name, 'Default'), { recursive: true });
        writeFileSync(join(dataDir, name, 'Default', 'History'), 'http://127.0.0.1:4321/bootstrap?code=old');
      }
      writeFileSync(join(dataDir, 'madoguchi.sqlite'), 'not a profile');
    });
    afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

    test('a stale profile is removed at start; the new one is empty, in one known place, and goes at stop', async () => {
      const browser = launchChromium(url, dataDir, { DISPLAY: ':99' }, '/bin/true');
      if (browser === undefined) throw new Error('not launched');
      expect(readdirSync(dataDir).sort()).toEqual(['chromium-profile', 'madoguchi.sqlite']);
      expect(readdirSync(join(dataDir, 'chromium-profile'))).toEqual([]);
      await browser.exited;
      await browser.stop();
      expect(readdirSync(dataDir)).toEqual(['madoguchi.sqlite']);
    });

    test('a stale profile is removed at start even when no browser can open', () => {
      expect(launchChromium(url, dataDir, {}, '/bin/true')).toBeUndefined();
      expect(existsSync(join(dataDir, 'chromium-profile'))).toBe(false);
      expect(readdirSync(dataDir)).toEqual(['madoguchi.sqlite']);
    });
  });
});
