// Stands in for the `brotli` package's decoder in bundles (infra/lib/bundling.ts BUNDLE_ALIASES):
// fontkit needs it only for WOFF2 fonts, and Node's zlib decodes Brotli natively, so the bundle
// does without the package's 475 KiB JavaScript decoder and dictionary.
import { brotliDecompressSync } from 'node:zlib';

const decompress = (buffer: Uint8Array): Uint8Array => new Uint8Array(brotliDecompressSync(buffer));
export default decompress;
