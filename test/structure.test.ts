// The layout promises of ARCHITECTURE.md: every module has a unit test file named after it, the
// code map names exactly the files there are, and no function of src/ is longer than a screen.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';

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

/** Longest a function of src/ may be, in lines from its first line to its closing brace. */
const MAX_FUNCTION_LINES = 60;

/**
 * Every function of a source text (declarations, expressions, arrows, methods, accessors) over
 * `limit` lines, as `file:line name (lines)`; a nested function counts in its parent's lines too.
 */
function longFunctions(file: string, text: string, limit: number): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const line = (position: number) => source.getLineAndCharacterOfPosition(position).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      // The first line is the function's own, its JSDoc left out.
      const first = line(node.getStart(source));
      const lines = line(node.getEnd()) - first + 1;
      // An arrow or function expression is named after the variable or property it is given to.
      const named = (node.name ? node : (node.parent as { name?: ts.Node })) ?? {};
      const name = named.name && ts.isIdentifier(named.name) ? named.name.text : '(anonymous)';
      if (lines > limit) found.push(`${file}:${first} ${name} (${lines})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
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

  it('finds long functions of every kind, nested ones too', () => {
    const body = (lines: number) => '\n'.repeat(lines - 1);
    const text = [
      `function declared() {${body(61)}}`,
      `const arrow = () => {${body(61)}};`,
      `const expression = function () {${body(61)}};`,
      `const object = { method() {${body(61)}} };`,
      `class Box { method() {${body(61)}} }`,
      `function outer() { const inner = () => {${body(61)}}; }`,
      `[].map(function () {${body(61)}});`,
      `function fits() {${body(60)}}`,
    ].join('\n');
    expect(longFunctions('x.ts', text, MAX_FUNCTION_LINES).map((found) => found.split(' ')[1])).toEqual([
      'declared',
      'arrow',
      'expression',
      'method',
      'method',
      'outer',
      'inner',
      '(anonymous)',
    ]);
  });

  it(`no function in src/ or src/lib/ is over ${MAX_FUNCTION_LINES} lines`, () => {
    const sources = modules.filter((module) => module.endsWith('.ts'));
    expect(sources.flatMap((module) => longFunctions(module, readFileSync(module, 'utf8'), MAX_FUNCTION_LINES))).toEqual([]);
  });
});
