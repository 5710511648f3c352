// Uploads in headless Chromium, which enforces CORS as every browser does: a page of the portal's
// origin (the local gateway's) PUTs a file by presigned ticket straight into the uploads bucket (a
// workbook's content type is not CORS-safelisted, so the browser asks s3rver's preflight first), and
// fetches the kept file back by its download URL. The tickets come from the kit, run in this process.
import { ulid } from 'ulid';
import { uploads } from '../../functions/src/shared/uploads';
import { cloud } from '../support/cloud';
import { useFunctionEnvironment } from '../support/function-env';
import { useBrowser } from './browser';

jest.setTimeout(60_000);

useFunctionEnvironment();
const newPage = useBrowser();

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fileOf = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 17 + 3) % 256);

/** In the page: what web/src/kit/upload.ts does, answering the status or the browser's refusal. */
const putFromPage = (page: Awaited<ReturnType<typeof newPage>>, ticket: { url: string; headers: Record<string, string> }, bytes: Uint8Array) =>
  page.evaluate(async ({ url, headers, body }) => {
    try {
      return (await fetch(url, { method: 'PUT', headers, body: new Blob([new Uint8Array(body)]) })).status;
    } catch (e) {
      return String(e);
    }
  }, { url: ticket.url, headers: ticket.headers, body: [...bytes] });

describe('uploads from a browser', () => {
  it("a page of the portal's origin PUTs a file by ticket; another length is refused; the kept file comes back by its download URL", async () => {
    const page = await newPage();
    await page.goto(`${cloud().url}/api/health`);
    expect(new URL(page.url()).origin).toBe(new URL(cloud().url).origin);

    const bytes = fileOf(50_000);
    const uploadId = ulid();
    const ticket = await uploads.ticket(uploadId, { size: bytes.length, contentType: XLSX }, new Date());
    expect(new URL(ticket.url).origin).not.toBe(new URL(cloud().url).origin); // cross-origin: CORS applies
    expect(await putFromPage(page, ticket, bytes)).toBe(200);
    expect(await uploads.read(uploadId, bytes.length)).toEqual(bytes);

    const other = ulid();
    const refused = await putFromPage(page, await uploads.ticket(other, { size: 10, contentType: XLSX }, new Date()), fileOf(11));
    expect(refused).not.toBe(200);
    expect(await uploads.read(other, 100)).toBeUndefined();

    await uploads.keep(uploadId);
    const url = await uploads.downloadUrl(uploadId, '信访登记簿.xlsx', new Date());
    const fetched = await page.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, size: (await r.arrayBuffer()).byteLength };
    }, url);
    expect(fetched).toEqual({ status: 200, size: bytes.length });
  });
});
