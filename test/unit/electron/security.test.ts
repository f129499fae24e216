import { isPermissionGranted, isTrustedAppUrl, shouldRelaunch } from '../../../electron/security';

describe('electron security decisions', () => {
  test.each([
    ['madoguchi://app/index.html', true],
    ['madoguchi://app/assets/app.js?x=1', true],
    ['madoguchi://evil/index.html', false],
    ['madoguchi://user:pw@app/index.html', false],
    ['https://app/index.html', false],
    ['file:///etc/passwd', false],
    ['http://127.0.0.1:8080/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
    ['', false],
  ])('navigation to %s trusted = %s', (url, expected) => {
    expect(isTrustedAppUrl(url)).toBe(expected);
  });

  test.each(['media', 'notifications', 'usb', 'hid', 'clipboard-read', 'geolocation'])('permission %s is denied', (p) => {
    expect(isPermissionGranted(p)).toBe(false);
  });

  test('crash loop stops relaunching', () => {
    expect(shouldRelaunch([], 100_000)).toBe(true);
    expect(shouldRelaunch([90_000, 95_000], 100_000)).toBe(true);
    expect(shouldRelaunch([90_000, 95_000, 99_000], 100_000)).toBe(false);
    expect(shouldRelaunch([1_000, 2_000, 3_000], 100_000)).toBe(true);
  });
});
