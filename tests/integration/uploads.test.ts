// The uploads kit against the test cloud's s3rver: a presigned ticket, the browser's PUT (with the
// portal kit's uploadFile), reading, keeping and downloading what arrived, and the CORS preflight a
// browser sends first. The kit runs in this process with the environment the functions get.
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { ulid } from 'ulid';
import { uploads } from '../../functions/src/shared/uploads';
import { UPLOAD_FAILED, uploadFile } from '../../web/src/kit/upload';
import { cloud, localName, s3 } from '../support/cloud';
import { useFunctionEnvironment } from '../support/function-env';

const BUCKET = localName('uploads');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The portal's origin on this machine: the local gateway's. */
const portalOrigin = () => new URL(cloud().url).origin;

useFunctionEnvironment();

/** A workbook-sized file of distinct bytes. */
const fileOf = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + 7) % 256);

/** A file PUT by presigned ticket, as the portal does it. */
const uploaded = async (bytes: Uint8Array, contentType = XLSX) => {
  const uploadId = ulid();
  const ticket = await uploads.ticket(uploadId, { size: bytes.length, contentType }, new Date());
  await uploadFile(ticket, new Blob([bytes], { type: contentType }));
  return uploadId;
};

const exists = async (key: string) => {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    return true;
  } catch (e) {
    if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw e;
  }
};

describe('uploads kit', () => {
  it('a ticket is a presigned PUT of incoming/<id> for 15 minutes; the file PUT by it reads back byte for byte', async () => {
    const uploadId = ulid();
    const bytes = fileOf(70_000);
    const now = new Date();
    const ticket = await uploads.ticket(uploadId, { size: bytes.length, contentType: XLSX }, now);
    expect(ticket.method).toBe('PUT');
    expect(ticket.headers).toEqual({ 'content-type': XLSX });
    expect(ticket.expiresAt).toBe(new Date(now.getTime() + 900_000).toISOString());
    const url = new URL(ticket.url);
    expect(url.origin).toBe(new URL(cloud().endpoints.s3).origin);
    expect(url.pathname).toBe(`/${BUCKET}/incoming/${uploadId}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    // The length and the type are signed; no checksum of an empty body is.
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect([...url.searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);

    const put = await fetch(ticket.url, { method: 'PUT', headers: { ...ticket.headers, origin: portalOrigin() }, body: bytes });
    expect(put.status).toBe(200);
    expect(put.headers.get('access-control-allow-origin')).toBe(portalOrigin());
    expect(await uploads.read(uploadId, bytes.length)).toEqual(bytes);
  });

  it('a PUT of another length or type than the ticket signed is refused, and the portal kit says so in Chinese', async () => {
    const uploadId = ulid();
    const bytes = fileOf(1000);
    const ticket = await uploads.ticket(uploadId, { size: bytes.length, contentType: XLSX }, new Date());
    const longer = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: fileOf(1001) });
    expect(longer.status).toBe(403);
    expect(await longer.text()).toContain('SignatureDoesNotMatch');
    const shorter = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: fileOf(999) });
    expect(shorter.status).toBe(403);
    const otherType = await fetch(ticket.url, { method: 'PUT', headers: { 'content-type': 'text/html' }, body: bytes });
    expect(otherType.status).toBe(403);
    await expect(uploadFile(ticket, new Blob([fileOf(2000)], { type: XLSX }))).rejects.toThrow(UPLOAD_FAILED);
    expect(await uploads.read(uploadId, 10_000)).toBeUndefined();
  });

  it('a ticket signed longer ago than it lasts is refused', async () => {
    const bytes = fileOf(10);
    const past = new Date(Date.now() - 16 * 60_000);
    const ticket = await uploads.ticket(ulid(), { size: bytes.length, contentType: XLSX }, past);
    expect(new Date(ticket.expiresAt).getTime()).toBeLessThan(Date.now());
    expect((await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: bytes })).status).toBe(403);
  });

  it('nothing uploaded reads as undefined; a file over the limit is a 400 on uploadId; a malformed id is refused before any key is made', async () => {
    expect(await uploads.read(ulid(), 1024)).toBeUndefined();
    expect(await uploads.keep(ulid())).toBeUndefined();
    const uploadId = await uploaded(fileOf(300 * 1024));
    await expect(uploads.read(uploadId, 200 * 1024)).rejects.toMatchObject({ code: 'VALIDATION', fields: { uploadId: '文件不能超过200KB' } });
    await expect(uploads.read(uploadId, 5 * 1024 * 1024 - 1)).resolves.toHaveLength(300 * 1024);
    const big = await uploaded(fileOf(1024 * 1024 + 1));
    await expect(uploads.read(big, 1024 * 1024)).rejects.toMatchObject({ code: 'VALIDATION', fields: { uploadId: '文件不能超过1MB' } });
    for (const bad of ['../kept/x', `${ulid()}/..`, ulid().toLowerCase(), '']) {
      await expect(uploads.read(bad, 1024)).rejects.toMatchObject({ code: 'VALIDATION', fields: { uploadId: '上传编号无效' } });
      await expect(uploads.ticket(bad, { size: 1, contentType: XLSX }, new Date())).rejects.toMatchObject({ code: 'VALIDATION' });
    }
  });

  it('keep copies incoming/ to kept/ once (again answers the same size), and a kept file outlives incoming/', async () => {
    const bytes = fileOf(4321);
    const uploadId = await uploaded(bytes);
    expect(await exists(`kept/${uploadId}`)).toBe(false);
    expect(await uploads.keep(uploadId)).toBe(bytes.length);
    expect(await exists(`kept/${uploadId}`)).toBe(true);
    expect(await uploads.keep(uploadId)).toBe(bytes.length);
    // What the lifecycle rule does in AWS after expireDays (s3rver has no lifecycle).
    await s3().send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `incoming/${uploadId}` }));
    expect(await uploads.read(uploadId, bytes.length)).toEqual(bytes);
    expect(await uploads.keep(uploadId)).toBe(bytes.length);
  });

  it('a download URL of a kept file answers its bytes under the Chinese file name (RFC 5987)', async () => {
    const bytes = fileOf(2048);
    const uploadId = await uploaded(bytes);
    await uploads.keep(uploadId);
    const fileName = '信访登记簿（2026年）.xlsx';
    const res = await fetch(await uploads.downloadUrl(uploadId, fileName, new Date()));
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    expect(res.headers.get('content-type')).toBe(XLSX);
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)![1]!)).toBe(fileName);
    // Only what was kept is handed out.
    const notKept = await uploaded(fileOf(10));
    expect((await fetch(await uploads.downloadUrl(notKept, 'x.xlsx', new Date()))).status).toBe(404);
  });

  it("answers the browser's CORS preflight for the portal's origin: PUT with its content type", async () => {
    const ticket = await uploads.ticket(ulid(), { size: 10, contentType: XLSX }, new Date());
    const preflight = await fetch(ticket.url, {
      method: 'OPTIONS',
      headers: { origin: portalOrigin(), 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toMatch(/^(\*|http:\/\/127\.0\.0\.1:\d+)$/);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    // A page elsewhere is not admitted.
    const foreign = await fetch(ticket.url, {
      method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'PUT' },
    });
    expect(foreign.status).toBe(403);
  });
});
