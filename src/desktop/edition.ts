/**
 * Which edition a build is, and whether it may start. The packaged app's package.json
 * carries `"madoguchi": { "edition": "production" | "training" }` (electron-builder
 * `extraMetadata`). A production terminal without config.json refuses to start rather than
 * silently running as a training terminal; an unpackaged run (`npm start`, the CLI) is training.
 */
import { z } from 'zod';

export const editions = ['production', 'training'] as const;
export type Edition = (typeof editions)[number];

/** The exit code of a terminal that refuses to start for its configuration (sysexits EX_CONFIG). */
export const configExitCode = 78;

const metadataSchema = z.object({ edition: z.enum(editions) }).strict();

export type EditionResult = { readonly ok: true; readonly edition: Edition } | { readonly ok: false; readonly code: 'CONFIG_INVALID'; readonly field: string };

/**
 * The edition from the app's package.json. Unpackaged → training. Packaged without a `madoguchi`
 * key → training (a build made without `extraMetadata`). A `madoguchi` key that is not exactly
 * `{ edition }` with a known edition → refused: a typo must not turn a production build into a
 * training one.
 */
export function readEdition(packageJson: unknown, isPackaged: boolean): EditionResult {
  if (!isPackaged) return { ok: true, edition: 'training' };
  if (typeof packageJson !== 'object' || packageJson === null || Array.isArray(packageJson)) return { ok: false, code: 'CONFIG_INVALID', field: 'package.json' };
  if (!('madoguchi' in packageJson) || packageJson.madoguchi === undefined) return { ok: true, edition: 'training' };
  const parsed = metadataSchema.safeParse(packageJson.madoguchi);
  return parsed.success ? { ok: true, edition: parsed.data.edition } : { ok: false, code: 'CONFIG_INVALID', field: 'package.json madoguchi.edition' };
}

export type StartDecision = { readonly start: true } | { readonly start: false; readonly code: 'CONFIG_MISSING' | 'CONFIG_INVALID'; readonly field?: string };

/** Whether the terminal may start: a production edition needs its config.json. */
export function startDecision(edition: EditionResult, hasConfig: boolean): StartDecision {
  if (!edition.ok) return { start: false, code: edition.code, field: edition.field };
  if (edition.edition === 'production' && !hasConfig) return { start: false, code: 'CONFIG_MISSING' };
  return { start: true };
}
