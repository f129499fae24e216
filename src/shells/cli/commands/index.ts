import type { CliCommand } from '../command';
import { startCommand } from './start';
import { checkPasswordCommand } from './check-password';
import { checkExpiryCommand } from './check-expiry';
import { caServeCommand } from './ca-serve';
import { queueCommand } from './queue';
import { syncCommand } from './sync';
import { auditCommand } from './audit';
import { cardSimCommand } from './card-sim';
import { cardsCommand } from './cards';
import { issueCommand, pickupCommand } from './issue';
import { clerkHashPinCommand } from './clerk';
import { configCheckCommand } from './config-check';
import { reportCommand } from './report';

/**
 * Every CLI command, in the order `madoguchi --help` lists them.
 * Each command lives in its own module beside this one.
 */
export const commands: readonly CliCommand[] = [startCommand, checkPasswordCommand, checkExpiryCommand, caServeCommand, queueCommand, syncCommand, auditCommand, cardSimCommand, cardsCommand, issueCommand, pickupCommand, clerkHashPinCommand, configCheckCommand, reportCommand];
