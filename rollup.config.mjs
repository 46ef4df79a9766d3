import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';

// Only emitted JavaScript here; `tsc --emitDeclarationOnly` writes the .d.ts files.
const ts = () =>
  typescript({ tsconfig: './tsconfig.json', declaration: false, declarationDir: undefined, outDir: 'dist', noEmitOnError: true });

const minify = () =>
  terser({
    ecma: 2018,
    module: false,
    // pure_getters: the bundle reads no property for a side effect of a getter.
    compress: { passes: 3, unsafe_arrows: true, pure_getters: true },
    format: { comments: false },
  });

export default [
  // The script-tag bundle: what every visitor of every site downloads.
  {
    input: 'src/global.ts',
    output: { file: 'dist/mt.js', format: 'iife', sourcemap: true, plugins: [minify()] },
    plugins: [ts()],
  },
  // The same plus Mautic's page features (dynamic web content, focus items).
  {
    input: 'src/global-full.ts',
    output: { file: 'dist/mt.full.js', format: 'iife', sourcemap: true, plugins: [minify()] },
    plugins: [ts()],
  },
  // The npm entry, readable: the app's own bundler minifies it.
  {
    input: 'src/index.ts',
    output: [
      { file: 'dist/index.js', format: 'es', sourcemap: true },
      { file: 'dist/index.cjs', format: 'cjs', sourcemap: true, exports: 'named' },
    ],
    plugins: [ts()],
  },
  // The loader snippet shown in the README.
  {
    input: 'src/snippet.js',
    treeshake: false,
    output: { file: 'dist/snippet.min.js', format: 'es', plugins: [terser({ compress: false, mangle: false, format: { comments: false, quote_style: 1 } })] },
  },
];
