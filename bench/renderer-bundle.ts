/**
 * The renderer's weight as a counter PC downloads and parses it: gzipped JS and CSS of the built
 * renderer (`dist/ui/`, fonts excluded: they are bundled locally and not counted), next to
 * the floor any React screen pays — a one-component React page built by the same Vite in the
 * same run. Prints one JSON document and writes bench/results/renderer-bundle.json.
 *
 *   node dist/bench/renderer-bundle.js [--dir dist/ui]
 *
 * Target: ≤ 250 KB gzipped.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const counted = new Set(['.js', '.css', '.html']);

interface Weight {
  readonly files: number;
  readonly rawBytes: number;
  readonly gzipBytes: number;
}

function weigh(dir: string): Weight {
  let files = 0;
  let rawBytes = 0;
  let gzipBytes = 0;
  const walk = (current: string, depth: number): void => {
    if (depth > 8) return;
    for (const name of readdirSync(current)) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full, depth + 1);
      else if (counted.has(extname(name))) {
        const bytes = readFileSync(full);
        files += 1;
        rawBytes += bytes.length;
        gzipBytes += gzipSync(bytes, { level: 9 }).length;
      }
    }
  };
  walk(dir, 0);
  return { files, rawBytes, gzipBytes };
}

/** The smallest React page our toolchain makes: the floor of the comparison. */
function buildFloor(root: string): Weight {
  const work = mkdtempSync(join(tmpdir(), 'madoguchi-bundle-floor-'));
  try {
    writeFileSync(join(work, 'index.html'), '<!doctype html><html lang="ja"><body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>\n');
    writeFileSync(
      join(work, 'main.tsx'),
      "import { createRoot } from 'react-dom/client';\nfunction Hello() { return <main><h1>窓口</h1></main>; }\ncreateRoot(document.getElementById('root') as HTMLElement).render(<Hello />);\n",
    );
    writeFileSync(
      join(work, 'vite.config.mjs'),
      `export const config = { root: ${JSON.stringify(work)}, base: './', logLevel: 'error', resolve: { alias: { react: ${JSON.stringify(join(root, 'node_modules', 'react'))}, 'react-dom': ${JSON.stringify(join(root, 'node_modules', 'react-dom'))} } }, oxc: { jsx: { runtime: 'automatic' } }, build: { outDir: ${JSON.stringify(join(work, 'out'))}, emptyOutDir: true } };\nexport { config as default };\n`,
    );
    execFileSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--config', join(work, 'vite.config.mjs')], { cwd: root, stdio: 'ignore', timeout: 120_000 });
    return weigh(join(work, 'out'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main(): void {
  const root = resolve(__dirname, '..', '..');
  const { values } = parseArgs({ options: { dir: { type: 'string', default: join(root, 'dist', 'ui') } } });
  const ours = weigh(resolve(values.dir));
  if (ours.files === 0) throw new Error(`no renderer build in ${values.dir}: run scripts/setup first`);
  const floor = buildFloor(root);
  const result = {
    benchmark: 'renderer-bundle',
    at: new Date().toISOString(),
    ours,
    floor,
    ratio: { oursOverFloorGzip: Math.round((ours.gzipBytes / Math.max(1, floor.gzipBytes)) * 100) / 100 },
    targetGzipBytes: 250 * 1024,
    isWithinTarget: ours.gzipBytes <= 250 * 1024,
  };
  const out = join(root, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'renderer-bundle.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
