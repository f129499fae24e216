/**
 * Words of the application form printed from the card (書かない窓口), laid out like the city's
 * paper one, and of the clerk's screen that prints it and takes it back signed (ja first, en second).
 */
import type { Catalogue } from './types';
import words from './clerkForm.json';

export const clerkFormMessages = words satisfies Catalogue;
