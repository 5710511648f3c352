// What CloudFront's "compress objects automatically" does, for the local gateway: an answer of a
// compressible type, between 1,000 and 10,000,000 bytes and not already encoded, goes out in brotli or
// gzip as the viewer's Accept-Encoding allows (brotli preferred), with `Vary: Accept-Encoding`.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** CloudFront compresses bodies of this size only. */
export const MIN_COMPRESSED_BYTES = 1000;
export const MAX_COMPRESSED_BYTES = 10_000_000;

// Text, JSON, scripts, XML and SVG; images, fonts (woff/woff2), PDFs and office files are compressed already.
const COMPRESSIBLE = /^(text\/|application\/(json|[\w.+-]+\+json|javascript|x-javascript|ecmascript|xml|[\w.+-]+\+xml|wasm)|image\/(svg\+xml|x-icon|vnd\.microsoft\.icon)|font\/(ttf|otf))/i;

export const isCompressible = (contentType: string | undefined) => !!contentType && COMPRESSIBLE.test(contentType.trim());

/** Whether an answer of this type and size is compressed for a viewer that asks (and so varies by Accept-Encoding). */
export const compressesAnswer = (contentType: string | undefined, bytes: number, contentEncoding?: string) =>
  !contentEncoding && isCompressible(contentType) && bytes >= MIN_COMPRESSED_BYTES && bytes <= MAX_COMPRESSED_BYTES;

/**
 * The encoding to answer with for an `Accept-Encoding` header: brotli, else gzip, among those it
 * accepts (`q=0` refuses one, `*` stands for any not named); undefined for none.
 */
export function negotiateEncoding(acceptEncoding: string | string[] | undefined): Encoding | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  if (!header) return undefined;
  const quality = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    quality.set(name, q === undefined ? 1 : Number(q));
  }
  const accepts = (enc: Encoding) => (quality.get(enc) ?? quality.get('*') ?? 0) > 0;
  return (['br', 'gzip'] as const).find(accepts);
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The body in the encoding. Brotli at quality 5 (the usual on-the-fly setting: about gzip's speed,
 * smaller output), gzip at zlib's default level 6; both run on libuv's thread pool.
 */
export const encode = (body: Buffer, encoding: Encoding): Promise<Buffer> =>
  encoding === 'br'
    ? brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipAsync(body);

/** Adds `Accept-Encoding` to a Vary header value (kept as it is when it names it or `*` already). */
export function varyOnEncoding(vary: string | undefined): string {
  if (!vary) return 'Accept-Encoding';
  const names = vary.split(',').map((v) => v.trim().toLowerCase());
  return names.includes('accept-encoding') || names.includes('*') ? vary : `${vary}, Accept-Encoding`;
}

/**
 * The compressed static files, by path, modification time and size (a rebuilt portal has new ones):
 * the portal's assets are compressed once, not per request. Bounded: the oldest go first.
 */
export class CompressedFiles {
  private readonly entries = new Map<string, Promise<Buffer>>();

  constructor(private readonly maxEntries = 512) {}

  get(file: string, version: string, encoding: Encoding, read: () => Promise<Buffer>): Promise<Buffer> {
    const key = `${encoding}\n${version}\n${file}`;
    let hit = this.entries.get(key);
    if (!hit) {
      hit = read().then((body) => encode(body, encoding));
      // A failed read is tried again next time.
      hit.catch(() => this.entries.delete(key));
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, hit);
    }
    return hit;
  }
}
