// @vitest-environment node
// What `npm publish` would ship, checked after `npm run build`: the packed tarball, its package.json
// against the one list of variants (scripts/variants.mjs), and the ecosystem's linters on the tarball.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { variants } from '../scripts/variants.mjs';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const dist = (file: string) => `./dist/${file}`;
const npmEntry = (format: 'es' | 'cjs') => variants.find((variant) => variant.kind === 'module' && variant.format === format)!.file;
// Everything but the npm entry is a file a page loads (or a site pastes): served, never imported.
const pageFiles = variants.filter((variant) => variant.kind !== 'module').map((variant) => variant.file);

/** Runs a command and returns whether it succeeded, with what it printed (for the failure message). */
function run(command: string, args: string[]): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync(command, args, { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (failure) {
    const { stdout = '', stderr = '' } = failure as { stdout?: string; stderr?: string };
    return { ok: false, output: stdout + stderr };
  }
}

describe('the npm package', () => {
  let folder = '';
  let tarball = '';
  let packed: string[] = [];

  beforeAll(() => {
    expect(existsSync('dist/mt.js'), 'run npm run build first').toBe(true);
    folder = mkdtempSync(path.join(tmpdir(), 'mautic-tracker-pack-'));
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', folder], { encoding: 'utf8' }));
    tarball = path.join(folder, pack.filename);
    packed = pack.files.map((file: { path: string }) => file.path);
  }, 60_000);

  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('packs exactly the built files, the README, the changelog and the licence', () => {
    for (const required of [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      ...variants.map((variant) => `dist/${variant.file}`),
      'dist/mt.js.map',
      'dist/sri.json',
      'dist/types/index.d.ts',
      'dist/types-cjs/index.d.cts',
    ]) {
      expect(packed).toContain(required);
    }
    const unexpected = packed.filter((file) => !/^(package\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/.+)$/.test(file));
    expect(unexpected).toEqual([]);
  });

  it('names in package.json exactly the files of scripts/variants.mjs', () => {
    const { '.': root, './package.json': self, './sri.json': sri, ...files } = manifest.exports;
    expect(self).toBe('./package.json');
    expect(sri).toBe('./dist/sri.json');
    expect(root.import.default).toBe(dist(npmEntry('es')));
    expect(root.require.default).toBe(dist(npmEntry('cjs')));
    expect([manifest.module, manifest.main]).toEqual([dist(npmEntry('es')), dist(npmEntry('cjs'))]);
    expect(files).toEqual(Object.fromEntries(pageFiles.map((file) => [`./${file}`, dist(file)])));
    const cdn = dist(variants.find((variant) => variant.cdn)!.file);
    expect([manifest.unpkg, manifest.jsdelivr]).toEqual([cdn, cdn]);
    expect([...manifest.sideEffects].sort()).toEqual(pageFiles.map(dist).sort());
  });

  it('publishes SRI hashes of exactly the variants, matching the files', () => {
    const sri: Record<string, string> = JSON.parse(readFileSync('dist/sri.json', 'utf8'));
    expect(Object.keys(sri).sort()).toEqual(variants.map((variant) => variant.file).sort());
    for (const [file, hash] of Object.entries(sri)) {
      const actual = 'sha384-' + createHash('sha384').update(readFileSync(`dist/${file}`)).digest('base64');
      expect(hash, file).toBe(actual);
    }
  });

  // publint: every file package.json names exists and has the format its condition promises
  // (ESM for import, CommonJS for require), types conditions in the right order, and the like.
  it('passes publint (warnings count as errors)', () => {
    const { ok, output } = run('npx', ['--no', '--', 'publint', 'run', tarball, '--strict']);
    expect(ok, output).toBe(true);
  }, 60_000);

  // Are the Types Wrong: the npm entry's types resolve and match its JavaScript for node10, node16
  // (from ESM and from CommonJS: no ESM types "masquerading" as CommonJS) and bundlers.
  it('passes Are the Types Wrong for every resolution mode', () => {
    const { ok, output } = run('npx', [
      '--no',
      '--',
      'attw',
      tarball,
      '--format',
      'table-flipped',
      '--no-color',
      // The page files export nothing and carry no types by design: pages load them with a script
      // tag. sri.json is data; node10 resolution ignores `exports`, so no subpath resolves there.
      '--exclude-entrypoints',
      ...pageFiles.map((file) => `./${file}`),
      './sri.json',
    ]);
    expect(ok, output).toBe(true);
  }, 60_000);

  it('types check for an ESM consumer (moduleResolution nodenext)', () => {
    const { ok, output } = run('npx', ['--no', '--', 'tsc', '-p', 'test/types/tsconfig.json']);
    expect(ok, output).toBe(true);
  }, 30_000);
});
