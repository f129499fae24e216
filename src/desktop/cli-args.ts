/**
 * The data directory flag Electron's main process is given (`madoguchi start --data DIR` passes
 * its arguments through). Chromium's own switches (`--foo=bar`) are left alone.
 */
export function dataFlagFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--data') {
      const next = argv[i + 1];
      return next !== undefined && next !== '' && !next.startsWith('--') ? next : undefined;
    }
    if (arg?.startsWith('--data=') === true) {
      const value = arg.slice('--data='.length);
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}
