/**
 * The built renderer (Vite's `dist/ui/`) served from disk: only regular files inside the
 * root, by a path that is normalised before it is joined, with the shell's security headers.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { contentTypeOf } from '../../desktop/app-files';
import { contentSecurityPolicy } from '../../desktop/csp';

// One policy for both shells and the page's <meta> tag (src/desktop/csp.ts).
export { contentSecurityPolicy };

/** Files larger than this are not part of a renderer build; refusing them bounds memory. */
const maxFileBytes = 32 * 1024 * 1024;

export interface StaticFile {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The file under `root` for a URL path, or undefined (not found, outside the root, not a plain
 * file). The path is decoded once; a NUL, a backslash or a `..` segment is refused outright.
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return undefined;
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) return undefined;
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, relative);
  if (file !== resolvedRoot && !file.startsWith(resolvedRoot + path.sep)) return undefined;
  return file;
}

export async function readStatic(root: string, urlPath: string): Promise<StaticFile | undefined> {
  const file = resolveStaticPath(root, urlPath);
  if (file === undefined) return undefined;
  try {
    // lstat: a symlink planted in the build output must not lead outside it.
    const stat = await fs.lstat(file);
    if (!stat.isFile() || stat.size > maxFileBytes) return undefined;
    const body = await fs.readFile(file);
    const type = contentTypeOf(file);
    const isHtml = type.startsWith('text/html');
    return { body, headers: { 'Content-Type': type, 'Cache-Control': isHtml ? 'no-store' : 'no-cache' } };
  } catch {
    return undefined;
  }
}

/** Headers on every answer of the shell. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
