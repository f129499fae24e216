/**
 * What the reference CA asks of a request's body before a route reads it: the media type the
 * route takes, and for JSON routes a body that parses and passes the route's schema.
 */
import type { z } from 'zod';
import { caError } from './errors';

/** A Content-Type header's media type, without its parameters, lower-cased. */
function mediaTypeOf(contentType: string | undefined): string | undefined {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase();
}

/** Refuses (415) a request whose Content-Type is not `expected`; `what` names the route. */
export function requireMediaType(contentType: string | undefined, expected: string, what: string): void {
  if (mediaTypeOf(contentType) !== expected) throw caError('CA_UNSUPPORTED_MEDIA_TYPE', `${what} needs Content-Type: ${expected}`);
}

/**
 * The body as JSON that `schema` accepts. A body that is not JSON, or JSON the schema refuses,
 * is CA_BAD_JSON; `refusal` words the latter for the route (its expected shape, or the issue).
 */
export function parseJsonBody<T>(body: Buffer, schema: z.ZodType<T>, refusal: (error: z.ZodError) => string): T {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw caError('CA_BAD_JSON', 'the body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw caError('CA_BAD_JSON', refusal(parsed.error));
  return parsed.data;
}
