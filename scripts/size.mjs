// Prints what each built variant costs a visitor: raw, gzip (level 9) and brotli bytes, against the
// budgets in scripts/variants.mjs, and exits 1 when a file is over its budget (`--report`: print only,
// exit 0). Run after `npm run build`. The README's size table is copied from this output.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { minify } from 'terser';
import { rollup } from 'rollup';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
import { variants, features } from './variants.mjs';

const reportOnly = process.argv.includes('--report');
const rows = [];

// What an app pays that imports only part of the npm entry: its bundler's view.
async function treeShaken(entry) {
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

function measure(label, code, budget) {
  const gzip = gzipSync(code, { level: 9 }).length;
  rows.push({
    file: label,
    min: code.length,
    gzip,
    brotli: brotliCompressSync(code).length,
    budget: budget ? `${gzip <= budget ? 'within' : 'OVER'} ${budget}` : '',
    over: budget && gzip > budget ? gzip - budget : 0,
    limit: budget,
  });
}

for (const { file, label, budget, minifyToMeasure, app } of variants) {
  const path = `dist/${file}`;
  if (!existsSync(path)) {
    console.error(`${path} is missing: run npm run build first`);
    process.exit(1);
  }
  if (label) {
    let code = readFileSync(path, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
    if (minifyToMeasure) code = (await minify(code, { module: true, compress: { passes: 3 } })).code;
    measure(`${label} (${path})`, code, budget);
  }
  if (app) measure(app.label, await treeShaken(app.code), app.budget);
}

// Optional features: their app's bytes, and what they add to the app they extend.
for (const { label, base, code } of features) {
  measure(label, await treeShaken(code));
  const baseRow = rows.find((row) => row.file == base);
  const row = rows[rows.length - 1];
  if (baseRow) row.budget = `+${row.gzip - baseRow.gzip} B gzip`;
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
  const file = `dist/${variants.find((variant) => variant.cdn).file}`;
  const bytes = bytesBySource(file);
  const total = Object.values(bytes).reduce((sum, n) => sum + n, 0);
  const { gzip } = rows.find((row) => row.file.endsWith(`(${file})`));
  console.log(`\nwhere ${file} comes from (min B by source file; gzip B is its share):`);
  for (const [source, n] of Object.entries(bytes).sort((a, b) => b[1] - a[1])) {
    console.log('  ' + source.padEnd(30) + String(n).padStart(6) + String(Math.round((gzip * n) / total)).padStart(7));
  }
}

const over = rows.filter((row) => row.over);
if (over.length) {
  console.log('\nover budget:');
  for (const row of over) console.log(`  ${row.file}: ${row.gzip} B gzip, budget ${row.limit} B, ${row.over} B over`);
  if (!reportOnly) process.exit(1);
}
