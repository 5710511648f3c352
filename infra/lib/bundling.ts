// How every Lambda is bundled, in one place. `AppFunction` maps these options onto the CDK
// `NodejsFunction` bundling props (see app-function.ts and tests/infra/app.test.ts), and the
// benchmark script can hand the very same object to `esbuild.build()` to get identical bundles.
// No CDK import here, so scripts can load it cheaply.

/** ESM bundles still meet CommonJS dependencies that call `require`: give them one. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __sifasuoCreateRequire } from 'node:module'; const require = __sifasuoCreateRequire(import.meta.url);";

/** The Node.js version bundles are compiled for (the Lambda runtime is this or newer). */
export const NODE_TARGET = 'node22';

/**
 * Modules replaced in every bundle, as paths relative to the repository root: every build runs there
 * (CDK's local bundling runs esbuild in `projectRoot`; the bench and the infra test set `absWorkingDir`).
 * The AWS SDK's default credential chain becomes its first link, the environment, which is where
 * Lambda puts the execution role's credentials: the rest of the chain (SSO, ini files, process, web
 * identity, IMDS and the STS/SSO clients behind them) is ~130 KiB that a function never calls.
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': './functions/src/shared/lambda-credentials.ts',
  // fontkit's (pdfkit's) WOFF2 decoder: Node's zlib instead of 475 KiB of JavaScript.
  'brotli/decompress.js': './functions/src/shared/brotli-decompress.ts',
};

/** esbuild build options (minus entryPoints/outfile) used for every function. */
export const esbuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: NODE_TARGET,
  minify: true,
  // Maps for reading stack traces offline (Lambda does not load them: no --enable-source-maps, which
  // would parse the map at init). Mappings only: the sources are in the repository at the deployed
  // commit, and without them the map is a third of the size in every deployment package.
  sourcemap: true,
  sourcesContent: false,
  treeShaking: true,
  // Prefer ESM entry points so tree-shaking works on the AWS SDK v3 and Powertools.
  mainFields: ['module', 'main'],
  // Nothing external: the AWS SDK v3 is bundled and tree-shaken rather than taken from the runtime,
  // so the code runs against the exact SDK version that was tested.
  external: [] as string[],
  alias: BUNDLE_ALIASES,
  banner: { js: ESM_REQUIRE_BANNER },
  outExtension: { '.js': '.mjs' },
} as const;
