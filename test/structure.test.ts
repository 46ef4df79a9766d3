// The layout promises of ARCHITECTURE.md: every module has a unit test file named after it, and the
// code map names exactly the files there are.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** The modules of src/ and src/lib/, as paths. */
const modules = ['src', 'src/lib'].flatMap((dir) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|js)$/.test(entry.name))
    .map((entry) => dir + '/' + entry.name),
);

/** Where the unit test of a module lives: test/<module>.test.ts, test/lib/<helper>.test.ts. */
const testOf = (module: string) => module.replace(/^src\//, 'test/').replace(/\.(ts|js)$/, '.test.ts');

/** The paths the code map of ARCHITECTURE.md names (a glob stands for the files it matches). */
function codeMap(): string[] {
  const text = readFileSync('ARCHITECTURE.md', 'utf8');
  const section = text.slice(text.indexOf('## Code map'), text.indexOf('\n## ', text.indexOf('## Code map') + 1));
  return [...section.matchAll(/^\| ([^|]+) \|/gm)].flatMap(([, cell]) => [...cell.matchAll(/`([^`]+)`/g)].map(([, path]) => path));
}

/** True when `pattern` (a path, or a path with one `*` in its last part) names an existing file. */
function exists(pattern: string): boolean {
  if (!pattern.includes('*')) return existsSync(pattern);
  const dir = pattern.slice(0, pattern.lastIndexOf('/'));
  const [before, after] = pattern.slice(dir.length + 1).split('*');
  return existsSync(dir) && readdirSync(dir).some((name) => name.startsWith(before) && name.endsWith(after));
}

describe('the layout', () => {
  it('finds the modules', () => {
    expect(modules).toContain('src/tracker.ts');
    expect(modules).toContain('src/lib/cookie.ts');
  });

  it('every module in src/ and src/lib/ has a unit test file named after it', () => {
    expect(modules.filter((module) => !existsSync(testOf(module))).map(testOf)).toEqual([]);
  });

  it('every file of src/ is in the code map of ARCHITECTURE.md', () => {
    const listed = codeMap();
    expect(modules.filter((module) => !listed.includes(module))).toEqual([]);
  });

  it('every file the code map names exists, and src/ files are named one by one (no glob)', () => {
    expect(codeMap().filter((path) => !exists(path))).toEqual([]);
    expect(codeMap().filter((path) => path.startsWith('src/') && path.includes('*'))).toEqual([]);
  });
});
