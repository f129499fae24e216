/**
 * The queue's words by where a request really stands: waiting for the CA to come back, being
 * retried, refused for good (and what the clerk does then), acknowledged — never one word for all.
 */
import type { Catalogue } from './types';
import words from './clerkQueue.json';

export const clerkQueueMessages = words satisfies Catalogue;
