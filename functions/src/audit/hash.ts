import { createHash } from 'node:crypto';

/** Hex SHA-256 of UTF-8 text: the hash the audit digest chains with. */
export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
