/**
 * The files of the built renderer (Vite's `dist/ui/`), for both shells: the browser shell's
 * static files and Electron's `madoguchi://app/…` scheme. Only regular files inside the root,
 * reached by a path that is checked before it is joined and again after symlinks are resolved.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { appHost, appScheme } from './app-origin';
import { contentSecurityPolicy } from './csp';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Files larger than this are not part of a renderer build; refusing them bounds memory. */
const maxFileBytes = 32 * 1024 * 1024;

function isInside(root: string, file: string): boolean {
  return file === root || file.startsWith(root + path.sep);
}

/**
 * The file under `root` for a URL path, or undefined (outside the root, or a path no build
 * contains). The path is decoded once; a NUL, a backslash, a `.` or `..` segment, an empty
 * segment or a drive letter is refused outright rather than normalised into something else.
 */
export function resolveAppPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.length > 1024 || !decoded.startsWith('/') || decoded.startsWith('//')) return undefined;
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.includes(':')) return undefined;
  const segments = decoded.slice(1).split('/');
  if (decoded !== '/' && segments.some((segment) => segment === '..' || segment === '.' || segment === '')) return undefined;
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, relative);
  return isInside(resolvedRoot, file) && file !== resolvedRoot ? file : undefined;
}

/**
 * The URL path of a request to the app scheme, or undefined when it is for another scheme or
 * host. Electron hands the handler the raw URL; its query and fragment never name a file.
 */
export function appRequestPath(rawUrl: string): string | undefined {
  // The WHATWG parser removes dot segments (also %2e%2e) before we see them; the raw path is
  // checked as well, so a traversal attempt is refused rather than silently redirected.
  const match = /^madoguchi:\/\/app(\/[^?#]*)?(?:[?#].*)?$/is.exec(rawUrl);
  if (match === null) return undefined;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost || url.username !== '' || url.password !== '') return undefined;
  const rawPath = match[1] ?? '/';
  return rawPath === '' ? '/' : rawPath;
}

export interface AppFile {
  readonly body: Buffer;
  readonly contentType: string;
  /** The page itself is never cached (a new version must show at once); assets are revalidated. */
  readonly cacheControl: string;
}

/** Reads a file of the renderer build, refusing anything that leads outside the root (symlinks too). */
export async function readAppFile(root: string, urlPath: string): Promise<AppFile | undefined> {
  const file = resolveAppPath(root, urlPath);
  if (file === undefined) return undefined;
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
    if (!isInside(realRoot, realFile) || realFile === realRoot) return undefined;
    const stat = await fs.stat(realFile);
    if (!stat.isFile() || stat.size > maxFileBytes) return undefined;
    const body = await fs.readFile(realFile);
    const contentType = contentTypeOf(realFile);
    return { body, contentType, cacheControl: contentType.startsWith('text/html') ? 'no-store' : 'no-cache' };
  } catch {
    return undefined;
  }
}

export interface AppResponse {
  readonly status: 200 | 404 | 405;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | undefined;
}

/**
 * The answer of the `madoguchi://app/…` scheme: the file with its type and the renderer's CSP
 * (a `webRequest` header hook does not run for a custom scheme, so the policy is set here), or
 * an empty 404/405 that says nothing about the file system.
 */
export async function serveAppRequest(root: string, method: string, rawUrl: string): Promise<AppResponse> {
  const base = { 'Content-Security-Policy': contentSecurityPolicy, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: base, body: undefined };
  const urlPath = appRequestPath(rawUrl);
  const file = urlPath === undefined ? undefined : await readAppFile(root, urlPath);
  if (file === undefined) return { status: 404, headers: base, body: undefined };
  return {
    status: 200,
    headers: { ...base, 'Content-Type': file.contentType, 'Cache-Control': file.cacheControl, 'Content-Length': String(file.body.length) },
    body: method === 'HEAD' ? undefined : file.body,
  };
}
