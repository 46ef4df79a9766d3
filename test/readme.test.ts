// @vitest-environment node
// Every TypeScript and JavaScript example in README.md compiles, under `strict` and moduleResolution
// `nodenext`, against the built package as an app installs it — so a README example that a change of
// the API breaks fails `npm test`.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Put on the line before a fenced block that is not meant to compile (a signature, a fragment). Use sparingly. */
const SKIP_MARKER = '<!-- readme-typecheck: skip -->';

const EXTENSIONS: Record<string, string> = { ts: 'ts', typescript: 'ts', tsx: 'tsx', js: 'js', javascript: 'js', jsx: 'jsx' };

/** One example: where it starts in the README (1-based line of its first code line) and the file it is compiled as. */
interface Example {
  line: number;
  file: string;
  code: string;
}

/**
 * The fenced ts / typescript / tsx / js / javascript / jsx blocks of a Markdown text (also indented
 * ones, in list items), without those marked with SKIP_MARKER; each becomes a file named after its
 * line, so every example is a module of its own.
 */
export function readmeExamples(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})\s*([\w-]*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, language] = open;
    let end = i + 1;
    while (end < lines.length && !(lines[end].trim() == fence && lines[end].startsWith(indent))) end++;
    const previous = lines.slice(0, i).reverse().find((line) => line.trim() != '');
    const extension = EXTENSIONS[language.toLowerCase()];
    if (extension && previous?.trim() != SKIP_MARKER) {
      const code = lines.slice(i + 1, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
      examples.push({ line: i + 2, file: `readme-line-${i + 2}.${extension}`, code: code.join('\n') + '\n' });
    }
    i = end;
  }
  return examples;
}

/**
 * What the examples may use without importing it: the snippet's global `mt()`, and the few framework
 * APIs the recipes call, declared here instead of installing React, React Router, Vite, Next.js and Vue.
 */
const AMBIENT = `
declare var mt: import('mautic-tracker').MauticTrackingFunction;
interface ImportMeta { readonly env: Record<string, string> }
declare var process: { env: Record<string, string | undefined> };
declare var router: { afterEach(hook: (to: unknown, from: unknown, failure?: unknown) => void): void };
declare var app: { provide(key: string, value: unknown): void };
declare module 'react' {
  export function useEffect(effect: () => void | (() => void), deps?: readonly unknown[]): void;
}
declare module 'react-router-dom' {
  export function useLocation(): { pathname: string; search: string; hash: string };
}
`;

/**
 * Compiled with the examples; each line is wrong on purpose and must be reported, which shows the
 * examples really are type-checked against the package (a harness that checked nothing would pass).
 */
const CANARY = `import { createTracker } from 'mautic-tracker';
mt('send', 'event', { label: 'no category or action' });
createTracker({ url: 42 });
createTracker({}).pageview({ callback: () => {} });
`;

describe('README examples', () => {
  it('finds fenced blocks, also indented ones, and honours the skip marker', () => {
    const markdown = [
      '```ts',
      'const a = 1;',
      '```',
      SKIP_MARKER,
      '```js',
      'mt(not, code)',
      '```',
      '- a list item:',
      '  ```tsx',
      '  // app/mautic.tsx',
      '  export const b = 2;',
      '  ```',
      '```html',
      '<p>not checked</p>',
      '```',
    ].join('\n');
    expect(readmeExamples(markdown)).toEqual([
      { line: 2, file: 'readme-line-2.ts', code: 'const a = 1;\n' },
      { line: 10, file: 'readme-line-10.tsx', code: '// app/mautic.tsx\nexport const b = 2;\n' },
    ]);
  });

  it('every ts / js example of README.md type-checks against the built package (strict, nodenext)', () => {
    expect(existsSync('dist/types/index.d.ts'), 'run npm run build first').toBe(true);
    const examples = readmeExamples(readFileSync('README.md', 'utf8'));
    expect(examples.length).toBeGreaterThan(10);
    const skipped = readFileSync('README.md', 'utf8').split(SKIP_MARKER).length - 1;
    expect(skipped, 'opt-outs are for the exception').toBeLessThanOrEqual(2);

    const project = mkdtempSync(path.join(tmpdir(), 'mautic-tracker-readme-'));
    try {
      // The package as an app sees it once installed: node_modules/mautic-tracker, through its exports map.
      mkdirSync(path.join(project, 'node_modules'));
      symlinkSync(path.resolve('.'), path.join(project, 'node_modules', 'mautic-tracker'), 'dir');
      writeFileSync(path.join(project, 'package.json'), JSON.stringify({ type: 'module' }));
      writeFileSync(
        path.join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module: 'nodenext',
            moduleResolution: 'nodenext',
            target: 'es2022',
            lib: ['es2022', 'dom'],
            strict: true,
            noEmit: true,
            allowJs: true,
            checkJs: true,
            jsx: 'preserve',
            moduleDetection: 'force',
            skipLibCheck: false,
            types: [],
          },
          include: ['*.ts', '*.tsx', '*.js', '*.jsx'],
        }),
      );
      writeFileSync(path.join(project, 'ambient.d.ts'), AMBIENT);
      writeFileSync(path.join(project, 'canary.ts'), CANARY);
      const origin: Record<string, number> = {};
      for (const example of examples) {
        origin[example.file] = example.line;
        writeFileSync(path.join(project, example.file), example.code);
      }

      let output = '';
      try {
        execFileSync(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-p', '.'], {
          cwd: project,
          encoding: 'utf8',
          stdio: 'pipe',
        });
      } catch (error) {
        output = String((error as { stdout?: string }).stdout);
      }
      // Errors point at README lines: "README.md:<line of the example's line>: message".
      const errors = output
        .split('\n')
        .map((line) => /^([\w.-]+)\((\d+),\d+\): (error .*)$/.exec(line))
        .filter((match): match is RegExpExecArray => !!match)
        .map(([, file, line, message]) =>
          file == 'canary.ts' ? `canary.ts:${line}` : `README.md:${(origin[file] ?? NaN) + Number(line) - 1} (${file}): ${message}`,
        );
      expect(errors.filter((error) => !error.startsWith('canary')), output).toEqual([]);
      expect(errors, 'each wrong line of the canary is reported').toEqual(['canary.ts:2', 'canary.ts:3', 'canary.ts:4']);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 60_000);
});
