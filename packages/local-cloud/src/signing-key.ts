// The session-token signing key of a data folder: what KMS is in AWS. An EC P-256 private key (PKCS8
// PEM, mode 0600) at `<dataDir>/signing-key.pem`, made on the first start of the folder, so tokens
// stay valid across restarts; `--reset` wipes the folder and with it the key, and every ephemeral
// (test) cloud makes its own. Functions declaring `signing` get `SIGNING_KEY=file:<path>`.
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';

export const SIGNING_KEY_FILE = 'signing-key.pem';

/** The key file of a data folder, made if absent; returns its absolute path. */
export function ensureSigningKey(dataDir: string, log: (msg: string) => void = () => undefined): string {
  const file = join(dataDir, SIGNING_KEY_FILE);
  if (existsSync(file)) {
    checkKey(file);
    // A key copied in with wider permissions is narrowed: it signs every session of the folder.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return file;
  }
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  // Written aside and renamed, so a crash never leaves a half-written key behind.
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, pem, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
  log(`signing key made: ${file}`);
  return file;
}

/** Refuses (rather than replaces) a key file that is not an EC P-256 private key: it may be someone's. */
function checkKey(file: string) {
  let ok = false;
  try {
    const key = createPrivateKey(readFileSync(file));
    ok = key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new Error(
      `${file} 不是 EC P-256 私钥：请删除它（或用 npm start -- --reset 清空数据目录）后重启 / ` +
        `${file} is not an EC P-256 private key: delete it (or start with --reset) and start again`,
    );
  }
}
