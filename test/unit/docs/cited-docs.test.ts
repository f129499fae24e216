/**
 * Every document the code cites must be in the repository: a person who clones the project
 * follows `docs/design.md §5` from a comment and must find that file and that section. Also
 * every rule id the code names must be in docs/rules.md.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const scanned = ['src', 'electron', 'renderer', 'test', 'scripts', 'bench', 'bin', 'docs', 'README.md'];
const skippedDirs = new Set(['node_modules', 'dist', 'build', 'screenshots']);
const textFile = /(\.(ts|tsx|mts|cts|js|cjs|mjs|css|md|json|yml|nsh|sh)|^[a-z-]+)$/;
const self = relative(root, __filename);

function filesUnder(path: string, out: string[] = []): string[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return out;
  if (stat.isFile()) {
    if (textFile.test(path.split('/').pop() ?? '') && stat.size < 2_000_000) out.push(path);
    return out;
  }
  for (const entry of readdirSync(path)) {
    if (!skippedDirs.has(entry)) filesUnder(join(path, entry), out);
  }
  return out;
}

interface Citation {
  readonly file: string;
  readonly line: number;
  readonly doc: string;
  readonly sections: readonly number[];
}

/**
 * `docs/name.md`, optionally followed by sections: `§5`, `§1, §6`, `§3 and §6`, `§2–§4`
 * (a range names every section in it). A path inside another path (`app/docs/a.md`, a
 * packaging fixture) is not a citation.
 */
function citationsIn(text: string, file: string): Citation[] {
  const found: Citation[] = [];
  const pattern = /(?<![\w/.-])docs\/([a-z0-9-]+)\.md((?:\s*(?:,|and|–|-)?\s*§\s?\d+)*)/g;
  const lines = text.split('\n');
  lines.forEach((lineText, index) => {
    for (const match of lineText.matchAll(pattern)) {
      const sections: number[] = [];
      const tail = match[2] ?? '';
      for (const part of tail.matchAll(/([–-])?\s*§\s?(\d+)/g)) {
        const n = Number(part[2]);
        const previous = sections[sections.length - 1];
        if (part[1] !== undefined && previous !== undefined) {
          for (let s = previous + 1; s <= n && s - previous <= 20; s++) sections.push(s);
        } else {
          sections.push(n);
        }
      }
      found.push({ file, line: index + 1, doc: match[1] ?? '', sections });
    }
  });
  return found;
}

/** Section numbers of a document: headings `## 5. …` (or `### 5. …`). */
function sectionsOf(markdown: string): Set<number> {
  const out = new Set<number>();
  for (const match of markdown.matchAll(/^#{2,3}\s+(\d+)\.\s/gm)) out.add(Number(match[1]));
  return out;
}

function allCitations(): Citation[] {
  return scanned
    .flatMap((top) => filesUnder(join(root, top)))
    .map((path) => relative(root, path))
    .filter((file) => file !== self)
    .flatMap((file) => citationsIn(readFileSync(join(root, file), 'utf8'), file));
}

describe('citation parsing', () => {
  it('reads single sections, lists and ranges', () => {
    const text = 'a (docs/design.md §3, §7) b docs/jpki-card.md §2–§4 c docs/style.md d docs/x.md §3 and §6';
    expect(citationsIn(text, 'f').map((c) => [c.doc, c.sections])).toEqual([
      ['design', [3, 7]],
      ['jpki-card', [2, 3, 4]],
      ['style', []],
      ['x', [3, 6]],
    ]);
  });

  it('ignores a docs path inside another path', () => {
    expect(citationsIn("{ path: 'app/docs/a.md' }", 'f')).toEqual([]);
  });

  it('finds numbered headings only', () => {
    expect([...sectionsOf('# Title\n## 1. One\ntext ## 2. not a heading\n### 3. Three\n## Four\n')]).toEqual([1, 3]);
  });
});

describe('cited documents exist', () => {
  const citations = allCitations();

  it('finds the citations at all (a broken pattern would find none)', () => {
    expect(citations.filter((c) => c.doc === 'design' && c.sections.length > 0).length).toBeGreaterThan(50);
  });

  it('every cited document is in docs/, and every cited section is a heading in it', () => {
    const sectionCache = new Map<string, Set<number> | null>();
    const sectionsOfDoc = (doc: string): Set<number> | null => {
      if (!sectionCache.has(doc)) {
        const path = join(root, 'docs', `${doc}.md`);
        const exists = statSync(path, { throwIfNoEntry: false })?.isFile() === true;
        sectionCache.set(doc, exists ? sectionsOf(readFileSync(path, 'utf8')) : null);
      }
      return sectionCache.get(doc) ?? null;
    };
    const broken: string[] = [];
    for (const c of citations) {
      const sections = sectionsOfDoc(c.doc);
      if (sections === null) {
        broken.push(`${c.file}:${c.line}: docs/${c.doc}.md does not exist`);
        continue;
      }
      for (const s of c.sections) {
        if (!sections.has(s)) broken.push(`${c.file}:${c.line}: docs/${c.doc}.md has no section ${s}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('citations carry their path', () => {
  it('no file outside docs/ cites a document of docs/ by its bare name (design.md §5 rather than docs/design.md §5)', () => {
    const bare = /(?<![\w./-])(design|jpki-card|ca-protocol|style|glossary|build-notes|rules|how-to)\.md/;
    const offenders = scanned
      .filter((top) => top !== 'docs')
      .flatMap((top) => filesUnder(join(root, top)))
      .filter((path) => relative(root, path) !== self)
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .flatMap((line, i) => (bare.test(line) ? [`${relative(root, path)}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});

describe('cited rule ids exist', () => {
  it('every rule id named in src, electron, renderer and test is in docs/rules.md', () => {
    const rules = new Set(readFileSync(join(root, 'docs', 'rules.md'), 'utf8').match(/\bR-[A-Z]+-\d+[a-z]?\b/g) ?? []);
    const missing = new Set<string>();
    for (const top of ['src', 'electron', 'renderer', 'test']) {
      for (const path of filesUnder(join(root, top))) {
        if (relative(root, path) === self) continue;
        for (const id of readFileSync(path, 'utf8').match(/\bR-[A-Z]+-\d+[a-z]?\b/g) ?? []) {
          if (!rules.has(id)) missing.add(`${relative(root, path)}: ${id}`);
        }
      }
    }
    expect(rules.size).toBeGreaterThan(30);
    expect([...missing]).toEqual([]);
  });
});

describe('no issue numbers in the tree', () => {
  it('no source, test, script or doc names an issue by its number (say why instead)', () => {
    const pattern = new RegExp(String.raw`\b[Ii]ssues? #?\d+`);
    const offenders = [...scanned, 'resources', 'electron-builder.yml', 'electron-builder.training.yml']
      .flatMap((top) => filesUnder(join(root, top)))
      .filter((path) => relative(root, path) !== self && !path.endsWith('.json'))
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .flatMap((line, i) => (pattern.test(line) ? [`${relative(root, path)}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});
