/**
 * Words of the printed receipt and the voluntary proxy's inquiry-and-reply letter (R-PROC-5,
 * R-PROC-6). Nothing here asks for or shows a password (R-PW-3).
 */
import type { Catalogue } from './types';
import words from './clerkDocuments.json';

export const clerkDocumentMessages = words satisfies Catalogue;
