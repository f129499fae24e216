import { migration001Initial } from './001-initial';
import { migration002OutboxRevocationKind } from './002-outbox-revocation-kind';
import type { Migration } from './migration';

/** Every migration this version knows, in order. Append only; never edit a shipped one. */
export const knownMigrations: readonly Migration[] = [migration001Initial, migration002OutboxRevocationKind];
export type { Migration } from './migration';
