// Password hashing with scrypt (OWASP's N=2^15, r=8, p=3 profile). The parameters are stored
// in each hash, so they can be raised later without invalidating existing passwords.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export const scryptCostLog2 = 15;
export const scryptBlockSize = 8;
export const scryptParallelism = 3;
export const passwordLengthMin = 8;
/** Longer passwords are refused rather than hashed: bounds the work one login can cause. */
export const passwordLengthMax = 256;
const keyLength = 32;
const saltLength = 16;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { N: n, r, p, maxmem: 256 * n * r * p + (1 << 24) },
      (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltLength);
  const n = 2 ** scryptCostLog2;
  const key = await derive(password, salt, n, scryptBlockSize, scryptParallelism);
  return ['scrypt', n, scryptBlockSize, scryptParallelism, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !key || password.length > passwordLengthMax) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash no password matches, to spend the same time on unknown emails as on known ones. */
export const unmatchableHash = `scrypt$${2 ** scryptCostLog2}$${scryptBlockSize}$${scryptParallelism}$` +
  `${Buffer.alloc(saltLength).toString('base64')}$${Buffer.alloc(keyLength).toString('base64')}`;
