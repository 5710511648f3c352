// How every Lambda is bundled, in one place. `AppFunction` maps these options onto the CDK
// `NodejsFunction` bundling props (see app-function.ts and tests/infra/bundling.test.ts), and the
// benchmark script can hand the very same object to `esbuild.build()` to get identical bundles.
// No CDK import here, so scripts can load it cheaply.

/** ESM bundles still meet CommonJS dependencies that call `require`: give them one. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __sifasuoCreateRequire } from 'node:module'; const require = __sifasuoCreateRequire(import.meta.url);";

/** The Node.js version bundles are compiled for (the Lambda runtime is this or newer). */
export const NODE_TARGET = 'node22';

/** esbuild build options (minus entryPoints/outfile) used for every function. */
export const esbuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: NODE_TARGET,
  minify: true,
  sourcemap: true,
  treeShaking: true,
  // Prefer ESM entry points so tree-shaking works on the AWS SDK v3 and Powertools.
  mainFields: ['module', 'main'],
  // Nothing external: the AWS SDK v3 is bundled and tree-shaken rather than taken from the runtime,
  // so the code runs against the exact SDK version that was tested.
  external: [] as string[],
  banner: { js: ESM_REQUIRE_BANNER },
  outExtension: { '.js': '.mjs' },
} as const;
