// After rollup and tsc: CommonJS copies of the type declarations, and SRI hashes of every dist file.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { variants } from './variants.mjs';

// require() users get .d.cts files, so TypeScript (moduleResolution node16/nodenext) types them as
// CommonJS instead of reporting an ES module "masquerading" as CommonJS.
const ESM_TYPES = 'dist/types';
const CJS_TYPES = 'dist/types-cjs';
rmSync(CJS_TYPES, { recursive: true, force: true });
for (const file of walk(ESM_TYPES)) {
  if (!file.endsWith('.d.ts')) continue;
  const target = path.join(CJS_TYPES, path.relative(ESM_TYPES, file)).replace(/\.d\.ts$/, '.d.cts');
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, readFileSync(file, 'utf8').replace(/(from\s+'\.{1,2}\/[^']+)\.js'/g, "$1.cjs'"));
}

// Subresource Integrity: the value of an integrity="…" attribute for each built variant.
const sri = {};
for (const { file } of variants) {
  sri[file] = 'sha384-' + createHash('sha384').update(readFileSync(path.join('dist', file))).digest('base64');
}
writeFileSync('dist/sri.json', JSON.stringify(sri, null, 2) + '\n');

function* walk(folder) {
  for (const name of readdirSync(folder)) {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else yield full;
  }
}
