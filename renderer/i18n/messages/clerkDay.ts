/** The counter's day: the closing-time warning in the header and the clerk's acknowledgement of a refused request. */
import type { Catalogue } from './types';
import words from './clerkDay.json';

export const clerkDayMessages = words satisfies Catalogue;
