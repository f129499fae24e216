/**
 * The browser shell's checks before any request reaches the contract (docs/design.md §3, §7): the
 * per-launch token, and the Host and Origin headers, so that neither another local program
 * without the token nor a web page through DNS rebinding can drive the terminal. Pure functions,
 * tested with hostile input.
 *
 * The token itself never leaves the process: a browser gets it as an HttpOnly, SameSite=Strict
 * cookie in exchange for a one-time bootstrap code, which is all a command line, a printed URL or
 * a browser's history ever shows (and it is spent by then).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { secretFrameContentType } from '../../api/secret-frame';

export const tokenHeader = 'x-madoguchi-token';

/** 32 random bytes as hex: new on every launch, never stored. */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/** The cookie that carries the token; named per port, so two terminals on one machine never share one. */
export function sessionCookieName(port: number): string {
  return `madoguchi_${port}`;
}

/** Set-Cookie for the token: unreadable to scripts, never sent by another site's request. */
export function sessionCookie(port: number, token: string): string {
  return `${sessionCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The value of the session cookie in a Cookie header; undefined when absent or repeated. */
export function tokenFromCookie(header: unknown, port: number): string | undefined {
  if (typeof header !== 'string') return undefined;
  const name = sessionCookieName(port);
  const values = header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1));
  // Two cookies of our name (one planted beside ours) are refused rather than guessed between.
  return values.length === 1 ? values[0] : undefined;
}

export function isTokenValid(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given, 'utf8'), Buffer.from(expected, 'utf8'));
}

/** Only the names the shell itself opens: a rebound DNS name arrives with its own Host header. */
export function isHostAllowed(host: unknown, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** No Origin (a top-level navigation, curl) or our own; anything else is another site. */
export function isOriginAllowed(origin: unknown, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** `application/json`, optionally with parameters (`; charset=utf-8`), nothing else. */
export function isJsonContentType(contentType: unknown): boolean {
  if (typeof contentType !== 'string') return false;
  const [type = ''] = contentType.split(';');
  return type.trim().toLowerCase() === 'application/json';
}

/** A secret frame (src/api/secret-frame.ts): `application/octet-stream`, nothing else. */
export function isFrameContentType(contentType: unknown): boolean {
  if (typeof contentType !== 'string') return false;
  const [type = ''] = contentType.split(';');
  return type.trim().toLowerCase() === secretFrameContentType;
}

/** The channel part of `/api/<channel>`; undefined for anything else. Percent-escapes are not decoded. */
export function channelOfPath(pathname: string): string | undefined {
  const match = /^\/api\/([A-Za-z0-9._-]{1,64})$/.exec(pathname);
  return match?.[1];
}
