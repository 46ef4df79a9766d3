/**
 * Compile-time constants of the script-tag bundles: `defines` in scripts/variants.mjs, given to
 * terser's `compress.global_defs`, which drops the code a bundle never runs. They are not defined in
 * the npm build or in unit tests, so code reading one must also run there:
 * `typeof FLAG == 'undefined' || FLAG`.
 */

/** False in `dist/mt.js`, which installs no plugin; true in `dist/mt.full.js`. */
declare const PLUGINS: boolean | undefined;
