// Prints what each built file costs a visitor: raw, gzip (level 9) and brotli bytes, against budgets.
// Run after `npm run build`. The README's size table is copied from this output.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { minify } from 'terser';
import { rollup } from 'rollup';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';

const files = [
  { file: 'dist/mt.js', label: 'script-tag bundle (dist/mt.js)', budget: 3000 },
  { file: 'dist/mt.full.js', label: 'with page features (dist/mt.full.js)' },
  { file: 'dist/snippet.min.js', label: 'snippet (dist/snippet.min.js)', budget: 200 },
  { file: 'dist/index.js', label: 'npm ESM build, minified (dist/index.js)', minify: true },
];

const rows = [];

// What an app pays that imports createTracker and calls pageview / event: its bundler's view.
async function treeShakenCore() {
  const entry = 'import { createTracker } from "./dist/index.js";' +
    'const t = createTracker({ url: "https://mautic.example.com" });' +
    't.pageview({ a: 1 }).catch(() => {}); t.event("c", "a").catch(() => {});';
  const bundle = await rollup({
    input: 'entry',
    plugins: [{
      name: 'entry',
      resolveId: (id) => (id === 'entry' ? id : undefined),
      load: (id) => (id === 'entry' ? entry : undefined),
    }],
  });
  const { output } = await bundle.generate({ format: 'es' });
  return (await minify(output[0].code, { module: true, compress: { passes: 3 } })).code;
}

for (const { file, label, budget, minify: shouldMinify } of files) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run npm run build first`);
    process.exit(1);
  }
  let code = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  if (shouldMinify) code = (await minify(code, { module: true, compress: { passes: 3 } })).code;
  const gzip = gzipSync(code, { level: 9 }).length;
  rows.push({
    file: label,
    min: code.length,
    gzip,
    brotli: brotliCompressSync(code).length,
    budget: budget ? `${gzip <= budget ? 'within' : 'OVER'} ${budget}` : '',
  });
}

{
  const code = await treeShakenCore();
  const gzip = gzipSync(code, { level: 9 }).length;
  rows.push({
    file: 'npm: createTracker + pageview + event',
    min: code.length,
    gzip,
    brotli: brotliCompressSync(code).length,
    budget: `${gzip <= 1500 ? 'within' : 'OVER'} 1500`,
  });
}

const widths = { file: 42, min: 7, gzip: 7, brotli: 7, budget: 12 };
const line = (row) =>
  Object.keys(widths)
    .map((key) => String(row[key]).padEnd(widths[key]))
    .join(' ')
    .trimEnd();
console.log(line({ file: 'file', min: 'min B', gzip: 'gzip B', brotli: 'br B', budget: 'gzip budget' }));
for (const row of rows) console.log(line(row));

// Where the script-tag bundle's bytes come from: minified bytes per source file, read from the
// source map. Gzip cannot be split by file exactly; the gzip column is the file's share of the total.
function bytesBySource(file) {
  const code = readFileSync(file, 'utf8');
  const lines = code.split('\n');
  const mappings = [];
  eachMapping(new TraceMap(readFileSync(file + '.map', 'utf8')), (mapping) => mappings.push(mapping));
  mappings.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
  const bytes = {};
  mappings.forEach((mapping, i) => {
    const next = mappings[i + 1];
    const end = next && next.generatedLine == mapping.generatedLine ? next.generatedColumn : lines[mapping.generatedLine - 1].length;
    const source = (mapping.source || '(bundler)').replace(/^.*?src\//, '');
    bytes[source] = (bytes[source] || 0) + end - mapping.generatedColumn;
  });
  return bytes;
}

{
  const bytes = bytesBySource('dist/mt.js');
  const total = Object.values(bytes).reduce((sum, n) => sum + n, 0);
  const gzip = rows[0].gzip;
  console.log('\nwhere dist/mt.js comes from (min B by source file; gzip B is its share):');
  for (const [source, n] of Object.entries(bytes).sort((a, b) => b[1] - a[1])) {
    console.log('  ' + source.padEnd(30) + String(n).padStart(6) + String(Math.round((gzip * n) / total)).padStart(7));
  }
}
