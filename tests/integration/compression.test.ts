// Compression as CloudFront does it, in the local gateway: static files and API answers go out in
// brotli or gzip as the request's Accept-Encoding allows (brotli first), with `Vary: Accept-Encoding`;
// bodies under 1,000 bytes and types that are compressed already (images, woff2) go out as they are.
// The portal's files are served by a gateway of the test's own over a folder it writes (the run's
// web/dist may not be built); the API answers are the run's local cloud's.
import { mkdtempSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { negotiateEncoding } from '@sifasuo/local-cloud/src/compression';
import { startGateway, type GatewayHandle } from '@sifasuo/local-cloud/src/gateway';
import type { LambdaRuntime } from '@sifasuo/local-cloud/src/lambda';
import { cloud, login } from '../support/cloud';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as it came over the wire (fetch would decode it). */
  raw: Buffer;
}

const get = (url: string, headers: Record<string, string>, method = 'GET') =>
  new Promise<RawAnswer>((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, raw: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });

const decoded = (a: RawAnswer) =>
  a.headers['content-encoding'] === 'br' ? brotliDecompressSync(a.raw) : a.headers['content-encoding'] === 'gzip' ? gunzipSync(a.raw) : a.raw;

const varies = (a: RawAnswer) => /accept-encoding/i.test(String(a.headers.vary ?? ''));

describe('Accept-Encoding negotiation', () => {
  test.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0.5, br;q=0.1', 'br'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['identity', undefined],
    ['gzip;q=0, br;q=0', undefined],
    ['', undefined],
  ])('%j → %s', (header, encoding) => {
    expect(negotiateEncoding(header)).toBe(encoding);
  });
});

describe('the portal files', () => {
  let dir: string;
  let gateway: GatewayHandle;
  // Script text repeats, so it compresses well; the PNG's bytes are random, as an image's are.
  const script = Buffer.from(Array.from({ length: 400 }, (_, i) => `export const value${i} = () => ${JSON.stringify(`第${i}项`)};\n`).join(''));
  const tiny = Buffer.from('export const a = 1;\n');
  const image = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sifasuo-compression-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), `<!doctype html><title>t</title>${'<p>司法所</p>'.repeat(200)}`);
    writeFileSync(join(dir, 'assets', 'app.js'), script);
    writeFileSync(join(dir, 'assets', 'tiny.js'), tiny);
    writeFileSync(join(dir, 'assets', 'logo.png'), image);
    writeFileSync(join(dir, 'assets', 'font.woff2'), image);
    gateway = await startGateway({
      port: 0,
      routes: [],
      // No route: the runtime is never asked.
      runtime: {} as LambdaRuntime,
      authorizer: { functionId: 'none', cacheSeconds: 0 },
      webDist: dir,
      admin: async () => false,
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a script goes out in brotli when the browser takes it, else gzip, else as it is; always with Vary', async () => {
    for (const [accept, encoding] of [['gzip, deflate, br, zstd', 'br'], ['gzip, deflate', 'gzip'], ['identity', undefined]] as const) {
      const a = await get(`${gateway.url}/assets/app.js`, { 'accept-encoding': accept });
      expect(a.status).toBe(200);
      expect(a.headers['content-encoding']).toBe(encoding);
      expect(varies(a)).toBe(true);
      expect(Number(a.headers['content-length'])).toBe(a.raw.length);
      expect(decoded(a).equals(script)).toBe(true);
      expect(a.headers['cache-control']).toContain('immutable');
      if (encoding) expect(a.raw.length).toBeLessThan(script.length / 4);
    }
    // No Accept-Encoding at all: as it is.
    const plain = await get(`${gateway.url}/assets/app.js`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.raw.equals(script)).toBe(true);
  });

  test('index.html and the SPA fallback are compressed too', async () => {
    for (const path of ['/', '/index.html', '/offices/0101']) {
      const a = await get(`${gateway.url}${path}`, { 'accept-encoding': 'gzip' });
      expect(a.headers['content-encoding']).toBe('gzip');
      expect(decoded(a).toString()).toContain('司法所');
      expect(a.headers['cache-control']).toBe('no-cache');
    }
  });

  test('tiny bodies and compressed types (PNG, woff2) go out as they are; HEAD sends no body', async () => {
    for (const [path, body] of [['/assets/tiny.js', tiny], ['/assets/logo.png', image], ['/assets/font.woff2', image]] as const) {
      const a = await get(`${gateway.url}${path}`, { 'accept-encoding': 'gzip, br' });
      expect(a.headers['content-encoding']).toBeUndefined();
      expect(varies(a)).toBe(false);
      expect(a.raw.equals(body)).toBe(true);
    }
    const head = await get(`${gateway.url}/assets/app.js`, { 'accept-encoding': 'gzip, br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.raw.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBe(script.length);
  });

  test('a rebuilt file is compressed anew', async () => {
    const file = join(dir, 'index.html');
    writeFileSync(file, `<!doctype html><title>t</title>${'<p>新版本</p>'.repeat(200)}`);
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    const a = await get(`${gateway.url}/index.html`, { 'accept-encoding': 'br' });
    expect(a.headers['content-encoding']).toBe('br');
    expect(decoded(a).toString()).toContain('新版本');
  });
});

describe('the API answers', () => {
  test('a list goes out compressed, as the client accepts, with Vary; the JSON is intact', async () => {
    const token = await login('leader');
    const url = `${cloud().url}/api/org/offices?limit=50`;
    const answers = await Promise.all(
      ['br', 'gzip', 'identity'].map((accept) => get(url, { authorization: `Bearer ${token}`, 'accept-encoding': accept })),
    );
    const [br, gzip, plain] = answers as [RawAnswer, RawAnswer, RawAnswer];
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.raw.length).toBeGreaterThan(1000);
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(varies(a)).toBe(true);
      expect(a.headers['content-type']).toContain('application/json');
      expect(Number(a.headers['content-length'])).toBe(a.raw.length);
      expect(JSON.parse(decoded(a).toString()).items.length).toBeGreaterThan(0);
    }
    expect(br.raw.length).toBeLessThan(plain.raw.length / 3);
  });

  test('a small answer goes out as it is', async () => {
    const a = await get(`${cloud().url}/api/health`, { 'accept-encoding': 'gzip, br' });
    expect(a.status).toBe(200);
    expect(a.raw.length).toBeLessThan(1000);
    expect(a.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(a.raw.toString()).status).toBe('ok');
  });
});
