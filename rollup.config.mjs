import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { variants } from './scripts/variants.mjs';

// Only emitted JavaScript here; `tsc --emitDeclarationOnly` writes the .d.ts files.
const ts = () =>
  typescript({ tsconfig: './tsconfig.json', declaration: false, declarationDir: undefined, outDir: 'dist', noEmitOnError: true });

/**
 * Internal property names that terser shortens in the script-tag bundles: methods and fields that
 * only our own modules read, between objects the bundle makes itself. The one list of them: a name
 * goes here only if no browser API, public API (`Tracker`, `TrackerOptions`, `DeliveryDetail`), wire
 * key, stored outbox field (id, type, at, params, tries, due, lease) or storage key has it, since
 * every property of that name in the bundle is renamed. Check it again when modules are renamed or
 * merged (a name that stops being unique breaks the bundle; e2e tests run on it).
 */
export const INTERNAL_PROPERTIES = [
  // tracker.ts, consent.ts, auto-pageviews.ts, delivery.ts
  'track',
  'configure',
  'admit',
  'decide',
  'watch',
  'seen',
  'leave',
  'report',
  'forget',
  // plugins.ts and identity.ts (plugins are ours in the script-tag bundles)
  'consented',
  'allows',
  'hit',
  'delivered',
  'deviceId',
  'remember',
  'visitor',
  'base',
  // outbox, transport
  'nextDue',
  'pixelOnly',
  'stash',
  'replay',
  'claim',
  'keep',
  'keepAll',
  'ended',
  'loaded',
  // a hit's `done`: in memory only, JSON leaves functions out of the stored outbox
  'done',
  // everywhere
  'log',
  'clear',
  // the core's and automatic pageviews' (the public Tracker.destroy is in the npm build only)
  'destroy',
];

const minify = (defines) =>
  terser({
    ecma: 2018,
    module: false,
    // pure_getters: the bundle reads no property for a side effect of a getter. unsafe_methods: our
    // object-literal functions are never called with `new` nor read `this`, so a method is the same.
    // inline: 1 inlines only simple functions: deeper inlining measured larger once gzipped. A
    // third pass measured larger once, smaller since the core was split into smaller functions.
    compress: {
      passes: 3,
      inline: 1,
      unsafe_arrows: true,
      unsafe_methods: true,
      pure_getters: true,
      ...(defines && { global_defs: defines }),
    },
    mangle: { properties: { builtins: true, regex: new RegExp(`^(${INTERNAL_PROPERTIES.join("|")})$`) } },
    // ascii_only: a page that is not UTF-8 still reads every text of the bundle right (� and … as escapes).
    format: { comments: false, ascii_only: true },
  });

// The snippet is pasted into pages as written: whitespace goes, names and code stay.
const stripWhitespace = () =>
  terser({ compress: false, mangle: false, format: { comments: false, quote_style: 1 } });

// The readable npm build keeps its code as written but for the compile-time constants, spelled out.
const replaceDefines = (defines) => ({
  name: 'defines',
  // Only names change, within their line: the source map stays right to the line.
  renderChunk: (code) => ({
    code: code.replace(new RegExp(`\\b(${Object.keys(defines).join('|')})\\b`, 'g'), (name) => JSON.stringify(defines[name])),
    map: null,
  }),
});

const output = ({ file, kind, format, defines }) => {
  const out = { file: `dist/${file}`, format };
  if (kind === 'snippet') return { ...out, plugins: [stripWhitespace()] };
  if (format === 'cjs') out.exports = 'named';
  if (kind === 'script') out.plugins = [minify(defines)];
  else if (defines) out.plugins = [replaceDefines(defines)];
  return { ...out, sourcemap: true };
};

// One rollup build per source entry; variants sharing an entry (index.js, index.cjs) are its outputs.
const inputs = [...new Set(variants.map((variant) => variant.input))];
export default inputs.map((input) => {
  const outputs = variants.filter((variant) => variant.input === input);
  const snippet = outputs[0].kind === 'snippet';
  return {
    input,
    output: outputs.map(output),
    ...(snippet ? { treeshake: false } : { plugins: [ts()] }),
  };
});
