/** The renderer files behind `madoguchi://app/`: nothing outside the root, whatever the path. */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { appRequestPath, contentTypeOf, readAppFile, resolveAppPath, serveAppRequest } from '../../../src/desktop/app-files';
import { contentSecurityPolicy } from '../../../src/desktop/csp';

let base: string;
let root: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'madoguchi-appfiles-'));
  root = join(base, 'ui');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'app-1.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'font.woff2'), 'w');
  writeFileSync(join(base, 'secret.txt'), 'SECRET');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
  symlinkSync(base, join(root, 'up'));
  symlinkSync(join(root, 'index.html'), join(root, 'inside-link.html'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

test.each([
  ['madoguchi://app/index.html', '/index.html'],
  ['madoguchi://app/', '/'],
  ['madoguchi://app', '/'],
  ['madoguchi://app/assets/app-1.js?v=1#x', '/assets/app-1.js'],
  // Electron lower-cases a standard scheme's host before the handler; anything else is refused.
  ['madoguchi://APP/index.html', undefined],
  ['madoguchi://evil/index.html', undefined],
  ['madoguchi://app.evil/index.html', undefined],
  ['madoguchi://user@app/index.html', undefined],
  ['madoguchi://app:8080/index.html', undefined],
  ['https://app/index.html', undefined],
  ['file:///etc/passwd', undefined],
])('request %s → path %s', (url, path) => {
  expect(appRequestPath(url)).toBe(path);
});

test.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/..\\secret.txt', '/%5c..%5csecret.txt', '/index.html%00.js', '/./index.html', '//etc/passwd', '/C:/Windows/win.ini', '/%E0%A4%A', '', 'index.html', `/${'a/'.repeat(600)}x`])(
  'path %s is refused',
  (path) => {
    expect(resolveAppPath(root, path)).toBeUndefined();
  },
);

test('the root and its files resolve inside the root', () => {
  expect(resolveAppPath(root, '/')).toBe(join(root, 'index.html'));
  expect(resolveAppPath(root, '/assets/app-1.js')).toBe(join(root, 'assets', 'app-1.js'));
});

test('fuzz: no URL path ever resolves outside the root', () => {
  const segment = fc.oneof(fc.constantFrom('..', '.', '%2e%2e', '%2E.', '.%2e', '%2f', '%5c', '\\', '', 'assets', 'index.html', '%00', '~', 'C:', '%252e%252e'), fc.string({ maxLength: 6 }));
  const resolvedRoot = resolve(root);
  fc.assert(
    fc.property(fc.array(segment, { maxLength: 8 }), fc.boolean(), (segments, leadingSlash) => {
      const path = `${leadingSlash ? '/' : ''}${segments.join('/')}`;
      const file = resolveAppPath(root, path);
      if (file !== undefined) expect(file.startsWith(resolvedRoot + sep)).toBe(true);
    }),
    { numRuns: 3000 },
  );
});

test('fuzz: any app URL is either refused or names a file inside the root', () => {
  const resolvedRoot = resolve(root);
  fc.assert(
    fc.property(fc.webPath(), (path) => {
      const urlPath = appRequestPath(`madoguchi://app${path.startsWith('/') ? path : `/${path}`}`);
      const file = urlPath === undefined ? undefined : resolveAppPath(root, urlPath);
      if (file !== undefined) expect(file.startsWith(resolvedRoot + sep)).toBe(true);
    }),
    { numRuns: 2000 },
  );
});

test('symlinks out of the root are refused; a symlink inside it is served', async () => {
  expect(await readAppFile(root, '/assets/link.txt')).toBeUndefined();
  expect(await readAppFile(root, '/up/secret.txt')).toBeUndefined();
  expect((await readAppFile(root, '/inside-link.html'))?.body.toString()).toContain('<title>app</title>');
  expect(await readAppFile(root, '/assets')).toBeUndefined();
  expect(await readAppFile(root, '/missing.js')).toBeUndefined();
});

test.each([
  ['index.html', 'text/html; charset=utf-8'],
  ['a.JS', 'text/javascript; charset=utf-8'],
  ['a.css', 'text/css; charset=utf-8'],
  ['a.woff2', 'font/woff2'],
  ['a.svg', 'image/svg+xml'],
  ['a.exe', 'application/octet-stream'],
])('MIME type of %s is %s', (file, type) => {
  expect(contentTypeOf(file)).toBe(type);
});

test('scheme answers: file with type, CSP and no-store for the page; bare 404 and 405 otherwise', async () => {
  const page = await serveAppRequest(root, 'GET', 'madoguchi://app/');
  expect(page).toMatchObject({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': contentSecurityPolicy, 'X-Content-Type-Options': 'nosniff' } });
  expect(page.body?.toString()).toContain('<title>app</title>');
  expect(await serveAppRequest(root, 'HEAD', 'madoguchi://app/assets/app-1.js')).toMatchObject({ status: 200, body: undefined, headers: { 'Content-Length': '14' } });
  const traversal = await serveAppRequest(root, 'GET', 'madoguchi://app/%2e%2e/secret.txt');
  expect(traversal).toMatchObject({ status: 404, body: undefined, headers: { 'Content-Security-Policy': contentSecurityPolicy } });
  expect(await serveAppRequest(root, 'GET', 'madoguchi://other/index.html')).toMatchObject({ status: 404 });
  expect(await serveAppRequest(root, 'POST', 'madoguchi://app/index.html')).toMatchObject({ status: 405 });
});
