/**
 * What a production config.json needs beyond its CA: the municipality and the clerks.
 * Test clerk `test-clerk` has the PIN 1234 (cost N = 2^14, the minimum, to keep tests quick).
 */
export const testClerkPin = '1234';
export const testClerkPinHash = 'scrypt$16384$8$1$bWFkb2d1Y2hpLXRlc3Qtc2FsdA==$PEjhJSSx+CnkCH8SpB0zutv+JqpZLa665SqAMZDTN3I=';

export const productionBase = {
  municipality: { code: '21213', name: '各務原市' },
  clerks: [{ id: 'test-clerk', name: 'Test Clerk', pinHash: testClerkPinHash }],
} as const;
