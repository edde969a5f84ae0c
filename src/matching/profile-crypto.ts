// Encryption at rest for enrolled profiles (issue 18): a non-extractable AES-GCM key derived
// from the operator's passphrase with PBKDF2-SHA-256 and a per-install random salt, and
// authenticated encryption of each record with a fresh 96-bit IV. A wrong passphrase yields a
// key that fails every record's authentication, so it reads nothing. WebCrypto only; no DOM.

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. Tests pass fewer to stay fast. */
export const PBKDF2_ITERATIONS = 600_000;
export const SALT_BYTES = 16;
const IV_BYTES = 12;

/** Bytes on an ordinary ArrayBuffer (what WebCrypto takes; never a shared buffer). */
export type Bytes = Uint8Array<ArrayBuffer>;

export interface Sealed {
  /** The 96-bit nonce, unique per encryption. */
  iv: Bytes;
  /** Ciphertext with the 128-bit GCM tag appended. */
  data: Bytes;
}

const subtle = () => {
  const s = globalThis.crypto?.subtle;
  if (!s)
    throw new Error(
      'WebCrypto is unavailable here (it needs a secure context): profiles cannot be encrypted, so matching stays off.',
    );
  return s;
};

export function randomBytes(n: number): Bytes {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/** The AES-GCM key for `passphrase` and `salt`; it can encrypt and decrypt, never be exported. */
export async function deriveKey(
  passphrase: string,
  salt: Bytes,
  iterations = PBKDF2_ITERATIONS,
): Promise<CryptoKey> {
  if (passphrase.length === 0) throw new RangeError('The passphrase is empty.');
  const base = await subtle().importKey(
    'raw',
    new TextEncoder().encode(passphrase),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false, // non-extractable: the key's bytes never reach this code
    ['encrypt', 'decrypt'],
  );
}

/** Encrypts `plain` under `key` with a fresh IV; `context` is bound to it (additional data). */
export async function seal(
  key: CryptoKey,
  plain: Bytes,
  context: string,
): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES);
  const data = await subtle().encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(context) },
    key,
    plain,
  );
  return { iv, data: new Uint8Array(data) };
}

/**
 * Decrypts what `seal` made under the same key and context; null when it does not
 * authenticate (a wrong passphrase, another record's context, or tampered bytes).
 */
export async function open(
  key: CryptoKey,
  sealed: Sealed,
  context: string,
): Promise<Bytes | null> {
  try {
    const plain = await subtle().decrypt(
      {
        name: 'AES-GCM',
        iv: sealed.iv,
        additionalData: new TextEncoder().encode(context),
      },
      key,
      sealed.data,
    );
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}
