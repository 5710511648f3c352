// The port that signs session tokens (issue 11 §1). In AWS the private key never leaves KMS (an
// ECC_NIST_P256 key, KMS `Sign`); locally the local cloud keeps one PEM key per data folder and hands
// its path as `file:<path>`. Both answer the same: a key id, the public key, and ES256 signatures in
// the raw r‖s form. The public key is fetched once per container.
import { createHash, createPrivateKey, createPublicKey, sign as signWith, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GetPublicKeyCommand, SignCommand } from '@aws-sdk/client-kms';
import { derToRawEcdsa, type PublicJwk } from '@sifasuo/domain';
import { kms, signingKey } from '../shared/aws';

export interface TokenSigner {
  kid: string;
  publicKey: KeyObject;
  /** ES256 over `data`: 64 bytes r‖s. */
  sign(data: string): Promise<Uint8Array>;
}

/** The key id: the first 16 characters of the base64url SHA-256 of the public key (SPKI DER). */
const kidOf = (publicKey: KeyObject) =>
  createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('base64url').slice(0, 16);

const fileSigner = (path: string): TokenSigner => {
  const privateKey = createPrivateKey(readFileSync(path));
  const publicKey = createPublicKey(privateKey);
  return {
    kid: kidOf(publicKey),
    publicKey,
    sign: async (data) => signWith('sha256', Buffer.from(data), { key: privateKey, dsaEncoding: 'ieee-p1363' }),
  };
};

const kmsSigner = async (keyId: string): Promise<TokenSigner> => {
  const r = await kms().send(new GetPublicKeyCommand({ KeyId: keyId }));
  if (!r.PublicKey) throw new Error(`KMS key ${keyId} returned no public key`);
  const publicKey = createPublicKey({ key: Buffer.from(r.PublicKey), format: 'der', type: 'spki' });
  return {
    kid: kidOf(publicKey),
    publicKey,
    sign: async (data) => {
      const s = await kms().send(
        new SignCommand({ KeyId: keyId, Message: Buffer.from(data), MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
      );
      if (!s.Signature) throw new Error('KMS Sign returned no signature');
      return derToRawEcdsa(s.Signature);
    },
  };
};

let cached: Promise<TokenSigner> | undefined;
export const tokenSigner = (): Promise<TokenSigner> => {
  cached ??= (async () => {
    const key = signingKey();
    return key.startsWith('file:') ? fileSigner(key.slice('file:'.length)) : kmsSigner(key);
  })();
  // A failed fetch (KMS throttled) is retried by the next request rather than remembered.
  cached.catch(() => (cached = undefined));
  return cached;
};

export const verifySignature = (publicKey: KeyObject, data: string, signature: Uint8Array) =>
  verify('sha256', Buffer.from(data), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);

/** The JWKS document: the public key others may verify our tokens with. */
export const jwks = async (): Promise<{ keys: PublicJwk[] }> => {
  const s = await tokenSigner();
  const { x, y } = s.publicKey.export({ format: 'jwk' });
  return { keys: [{ kty: 'EC', crv: 'P-256', x: x!, y: y!, kid: s.kid, alg: 'ES256', use: 'sig' }] };
};
