import { z } from 'zod';
import { parseJsonBody, requireMediaType } from '../../../src/ca/request-body';

const schema = z.object({ n: z.number().int() }).strict();
const body = (text: string) => Buffer.from(text, 'utf8');

function codeAndMessage(run: () => unknown): { code: unknown; message: unknown } {
  try {
    run();
  } catch (error) {
    return { code: (error as { code?: unknown }).code, message: (error as Error).message };
  }
  throw new Error('expected a refusal');
}

describe('parseJsonBody', () => {
  it('returns what the schema accepts', () => {
    expect(parseJsonBody(body('{"n":3}'), schema, () => 'no')).toEqual({ n: 3 });
  });

  it('refuses a body that is not JSON as CA_BAD_JSON without asking the route for words', () => {
    const refusal = jest.fn(() => 'route words');
    expect(codeAndMessage(() => parseJsonBody(body('{n:'), schema, refusal))).toEqual({ code: 'CA_BAD_JSON', message: 'the body is not JSON' });
    expect(refusal).not.toHaveBeenCalled();
  });

  it("refuses JSON the schema does not accept in the route's words, given the schema's issues", () => {
    const refusal = (error: z.ZodError) => `bad ${error.issues[0]?.path.join('.') ?? ''}`;
    expect(codeAndMessage(() => parseJsonBody(body('{"n":"x"}'), schema, refusal))).toEqual({ code: 'CA_BAD_JSON', message: 'bad n' });
  });
});

describe('requireMediaType', () => {
  it('accepts the media type whatever its case and parameters', () => {
    expect(() => requireMediaType('Application/JSON; charset=utf-8', 'application/json', 'x')).not.toThrow();
  });

  it.each([[undefined], ['text/plain'], ['application/jsonx']])('refuses %s with 415 words naming the route', (contentType) => {
    expect(codeAndMessage(() => requireMediaType(contentType, 'application/json', 'x-route'))).toEqual({
      code: 'CA_UNSUPPORTED_MEDIA_TYPE',
      message: 'x-route needs Content-Type: application/json',
    });
  });
});
