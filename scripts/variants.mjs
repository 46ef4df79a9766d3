// The one list of what the build ships. rollup.config.mjs builds these files, `npm run size` measures
// them against their budgets, scripts/finish-build.mjs hashes them into dist/sri.json, and
// test/package.test.ts checks that package.json (exports, main, module, unpkg, jsdelivr, sideEffects)
// names exactly them. A new build variant is one more entry here.

/**
 * @typedef {object} Variant
 * @property {string} file Built file, relative to dist/.
 * @property {string} input Source entry. Variants with the same input share one rollup build.
 * @property {'script' | 'module' | 'snippet'} kind `script`: a minified IIFE a page loads with a
 *   `<script>` tag, run for its side effects; `module`: the npm entry, readable (the app's bundler
 *   minifies it); `snippet`: the loader a site pastes, only whitespace removed so it reads as written.
 * @property {'iife' | 'es' | 'cjs'} format Rollup output format.
 * @property {string} [label] What `npm run size` calls the file; without one the file gets no row.
 * @property {number} [budget] Most gzip bytes the file may have; `npm run size` fails above it.
 * @property {boolean} [minifyToMeasure] Measure the file after terser, as an app's bundler ships it.
 * @property {{ label: string, code: string, budget: number }} [app] An app entry importing this
 *   file: `npm run size` bundles it with rollup (tree-shaking) + terser and measures what is left.
 * @property {boolean} [cdn] The file unpkg and jsdelivr serve for the bare package URL.
 * @property {Record<string, unknown>} [defines] Compile-time constants: terser's `compress.global_defs`
 *   for `script` variants, a plain replacement of the name in the readable `module` ones (the app's
 *   minifier then drops what they switch off). `if (FLAG)` blocks go where FLAG is false. Code reading
 *   one must also run where it is not defined (unit tests): `typeof FLAG == 'boolean' && FLAG`.
 */

/** @type {Variant[]} */
export const variants = [
  {
    file: 'mt.js',
    input: 'src/global.ts',
    kind: 'script',
    format: 'iife',
    label: 'script-tag bundle',
    budget: 4800,
    cdn: true,
    // Always in a page, no npm API (IN_SCRIPT_TAG in src/config.ts); no plugins, so no options of
    // plugins: debug mode names the build that has them.
    defines: { SCRIPT_TAG: true, PLUGINS: false },
  },
  {
    file: 'mt.full.js',
    input: 'src/global-full.ts',
    kind: 'script',
    format: 'iife',
    label: 'with page features',
    // A guard against growth, not a goal: measured 10,734 B when set (page features 8,229 B, then the
    // autocapture, mauticForms and crossDomain plugins of issues 13 and 14), rounded up to the next 100 B.
    // It was 7,700 B for the page features alone.
    budget: 10800,
    defines: { SCRIPT_TAG: true },
  },
  {
    file: 'snippet.min.js',
    input: 'src/snippet.js',
    kind: 'snippet',
    format: 'es',
    label: 'snippet',
    budget: 200,
  },
  {
    file: 'index.js',
    input: 'src/index.ts',
    kind: 'module',
    format: 'es',
    label: 'npm ESM build, minified',
    minifyToMeasure: true,
    app: {
      label: 'npm: createTracker + pageview + event',
      code:
        'import { createTracker } from "./dist/index.js";' +
        'const t = createTracker({ url: "https://mautic.example.com" });' +
        't.pageview({ a: 1 }).catch(() => {}); t.event("c", "a").catch(() => {});',
      budget: 4500,
    },
    defines: { SCRIPT_TAG: false },
  },
  // The same code as index.js for require(); not measured separately.
  { file: 'index.cjs', input: 'src/index.ts', kind: 'module', format: 'cjs', defines: { SCRIPT_TAG: false } },
];

/**
 * What an optional feature costs an npm app: `npm run size` bundles each `code` as it does a variant's
 * `app` (tree-shaking + terser) and prints its gzip bytes and the difference to the app of `base`
 * (the label of a variant's `app`). A feature is one more entry here.
 * @type {{ label: string, base: string, code: string }[]}
 */
export const features = [
  {
    label: 'npm: + autocapture plugin',
    base: 'npm: createTracker + pageview + event',
    code:
      'import { createTracker, autocapture } from "./dist/index.js";' +
      'const t = createTracker({ url: "https://mautic.example.com", autocapture: true }, [autocapture]);' +
      't.pageview({ a: 1 }).catch(() => {}); t.event("c", "a").catch(() => {});',
  },
];
