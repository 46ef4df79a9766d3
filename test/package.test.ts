// @vitest-environment node
// What `npm publish` would ship, checked after `npm run build`.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

describe('the npm package', () => {
  it('packs exactly the built files, the README, the changelog and the licence', () => {
    expect(existsSync('dist/mt.js'), 'run npm run build first').toBe(true);
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8' }));
    const files: string[] = pack.files.map((file: { path: string }) => file.path);
    for (const required of [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'dist/mt.js',
      'dist/mt.js.map',
      'dist/index.js',
      'dist/index.cjs',
      'dist/snippet.min.js',
      'dist/sri.json',
      'dist/types/index.d.ts',
      'dist/types-cjs/index.d.cts',
    ]) {
      expect(files).toContain(required);
    }
    const unexpected = files.filter(
      (file) => !/^(package\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/.+)$/.test(file),
    );
    expect(unexpected).toEqual([]);
  });

  it('resolves through its exports map, for import and require', async () => {
    const esm = await import('mautic-tracker');
    const cjs = createRequire(import.meta.url)('mautic-tracker');
    expect(typeof esm.createTracker).toBe('function');
    expect(typeof cjs.createTracker).toBe('function');
    expect(createRequire(import.meta.url).resolve('mautic-tracker/mt.js')).toMatch(/dist\/mt\.js$/);
  });

  it('publishes SRI hashes that match the files', () => {
    const sri: Record<string, string> = JSON.parse(readFileSync('dist/sri.json', 'utf8'));
    expect(Object.keys(sri).sort()).toEqual(['index.cjs', 'index.js', 'mt.full.js', 'mt.js', 'snippet.min.js']);
    for (const [file, hash] of Object.entries(sri)) {
      const actual = 'sha384-' + createHash('sha384').update(readFileSync(`dist/${file}`)).digest('base64');
      expect(hash, file).toBe(actual);
    }
  });

  it('types check for ESM and CommonJS consumers (moduleResolution nodenext)', () => {
    expect(() =>
      execFileSync('npx', ['tsc', '-p', 'test/types/tsconfig.json'], { encoding: 'utf8', stdio: 'pipe' }),
    ).not.toThrow();
  }, 30_000);
});
