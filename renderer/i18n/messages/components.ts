/** Words inside the shared components (field markers, notices, keypads, progress). */
import type { Catalogue } from './types';
import words from './components.json';

export const componentMessages = words satisfies Catalogue;
