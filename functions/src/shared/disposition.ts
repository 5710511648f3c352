/**
 * `Content-Disposition` of a file saved under `fileName`: an ASCII fallback for old clients, and the
 * real (Chinese) name for every current browser as an RFC 5987 `filename*` (whose attr-chars exclude
 * the `'()*` that encodeURIComponent leaves as they are).
 */
export const attachmentDisposition = (fileName: string) => {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
};
