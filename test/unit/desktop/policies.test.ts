/** The shell's small decisions: origin, navigation, permissions, IPC names, CSP, argv. */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventNames } from '../../../src/api/contract';
import { appEntryUrl, isAppSender, isAppUrl } from '../../../src/desktop/app-origin';
import { dataFlagFromArgv } from '../../../src/desktop/cli-args';
import { contentSecurityPolicy, metaContentSecurityPolicy, parsePolicy } from '../../../src/desktop/csp';
import { eventChannel, invokeChannel, isEventName } from '../../../src/desktop/ipc-channels';
import { navigationDecision, webviewDecision, windowOpenDecision } from '../../../src/desktop/navigation';
import { chosenDeviceId, isDeviceGranted, isPermissionCheckGranted, isPermissionGranted } from '../../../src/desktop/permissions';
import { securityHeaders } from '../../../src/shells/browser/static-files';
import { cspMetaPlugin } from '../../../src/desktop/csp-meta';

test.each([
  ['madoguchi://app/index.html', true],
  ['madoguchi://app/assets/app.js?x=1', true],
  ['madoguchi://evil/index.html', false],
  ['madoguchi://app.evil/index.html', false],
  ['madoguchi://user:pw@app/index.html', false],
  ['madoguchi://app:1/index.html', false],
  ['https://app/index.html', false],
  ['file:///etc/passwd', false],
  ['http://127.0.0.1:8080/', false],
  ['javascript:alert(1)', false],
  ['data:text/html,<script>1</script>', false],
  ['about:blank', false],
  ['not a url', false],
  ['', false],
])('%s is the app origin: %s (sender and navigation agree)', (url, expected) => {
  expect(isAppUrl(url)).toBe(expected);
  expect(isAppSender(url)).toBe(expected);
  expect(navigationDecision(url)).toBe(expected ? 'allow' : 'deny');
});

test('non-strings and absurdly long URLs are not the app origin', () => {
  for (const value of [undefined, null, 42, {}, ['madoguchi://app/'], `${appEntryUrl}?${'a'.repeat(9000)}`]) expect(isAppSender(value)).toBe(false);
});

test('fuzz: only madoguchi://app URLs are ever allowed', () => {
  fc.assert(
    fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
      expect(navigationDecision(url)).toBe('deny');
    }),
    { numRuns: 500 },
  );
});

test('new windows and webviews are always refused, the app origin included', () => {
  expect(windowOpenDecision(appEntryUrl)).toBe('deny');
  expect(windowOpenDecision('https://example.com/')).toBe('deny');
  expect(webviewDecision(appEntryUrl)).toBe('deny');
});

test.each(['media', 'notifications', 'usb', 'hid', 'serial', 'clipboard-read', 'clipboard-sanitized-write', 'geolocation', 'fullscreen', 'openExternal', 'pointerLock', 'midi', 'unknown-future-permission'])(
  'permission %s is denied (request, check, device)',
  (permission) => {
    expect(isPermissionGranted(permission)).toBe(false);
    expect(isPermissionCheckGranted(permission, 'madoguchi://app')).toBe(false);
    expect(isDeviceGranted(permission)).toBe(false);
  },
);

test('a device chooser picks nothing', () => {
  expect(chosenDeviceId()).toBe('');
});

test('IPC names: one per channel and per event, events recognised exactly', () => {
  expect(invokeChannel('session.get')).toBe('madoguchi:invoke:session.get');
  expect(eventChannel('visit')).toBe('madoguchi:event:visit');
  for (const name of eventNames) expect(isEventName(name)).toBe(true);
  for (const name of ['__proto__', 'constructor', 'Visit', '', 42, null]) expect(isEventName(name)).toBe(false);
});

test('one CSP: the browser shell sends it, the meta tag carries all of it that a meta tag can', () => {
  expect(securityHeaders['Content-Security-Policy']).toBe(contentSecurityPolicy);
  const header = parsePolicy(contentSecurityPolicy);
  const meta = parsePolicy(metaContentSecurityPolicy);
  expect(header.get('script-src')).toBe("'self'");
  expect(header.get('object-src')).toBe("'none'");
  expect(header.get('frame-ancestors')).toBe("'none'");
  expect(meta.has('frame-ancestors')).toBe(false);
  for (const [name, value] of meta) expect(header.get(name)).toBe(value);
  expect([...header.keys()].filter((name) => !meta.has(name))).toEqual(['frame-ancestors']);
  expect(contentSecurityPolicy).not.toMatch(/unsafe-(inline|eval)|\*|https?:/);
});

test('Vite writes the meta CSP from the same policy; index.html holds no second copy', () => {
  const plugin = cspMetaPlugin();
  expect(plugin.transformIndexHtml()).toEqual([{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy }, injectTo: 'head-prepend' }]);
  const source = readFileSync(join(__dirname, '..', '..', '..', 'renderer', 'index.html'), 'utf8');
  expect(source).not.toMatch(/Content-Security-Policy/i);
});

test.each([
  [['electron', 'main.js', '--data', '/srv/m'], '/srv/m'],
  [['electron', 'main.js', '--data=/srv/m'], '/srv/m'],
  [['electron', 'main.js', '--data'], undefined],
  [['electron', 'main.js', '--data', '--headless'], undefined],
  [['electron', 'main.js', '--data='], undefined],
  [['electron', 'main.js', '--database', 'x'], undefined],
  [['electron', 'main.js'], undefined],
])('argv %j → data dir %s', (argv, expected) => {
  expect(dataFlagFromArgv(argv)).toBe(expected);
});
