import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';

/** argon2id with OWASP's recommended minimum (19 MiB, 2 iterations). */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Verifies against a throwaway hash so that an unknown user takes as long as a wrong password. */
export async function burnVerify(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
}

/** Password policy (等保): length and character classes, configurable; never the username. */
export function checkPasswordPolicy(
  password: string,
  username: string,
  config: Pick<Config, 'MAGNET_PASSWORD_MIN_LENGTH' | 'MAGNET_PASSWORD_MIN_CLASSES'>,
): void {
  const min = config.MAGNET_PASSWORD_MIN_LENGTH;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const problems: string[] = [];
  if (password.length < min) problems.push(`密码至少 ${min} 位`);
  if (password.length > 128) problems.push('密码最多 128 位');
  if (classes < config.MAGNET_PASSWORD_MIN_CLASSES) {
    problems.push(
      `密码须包含大写字母、小写字母、数字、符号中的至少 ${config.MAGNET_PASSWORD_MIN_CLASSES} 类`,
    );
  }
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('密码不得包含用户名');
  if (problems.length) {
    throw new AppError('VALIDATION', {
      message: problems.join('；'),
      details: problems.map((message) => ({ path: 'password', message })),
    });
  }
}

/** A generated password that satisfies any policy: 16 characters of four classes. */
export function generatePassword(): string {
  const pick = (set: string, n: number) => Array.from(randomBytes(n), (b) => set[b % set.length]).join('');
  const chars =
    pick('ABCDEFGHJKLMNPQRSTUVWXYZ', 4) +
    pick('abcdefghijkmnpqrstuvwxyz', 6) +
    pick('23456789', 4) +
    pick('!@#%*-_+', 2);
  return Array.from(chars)
    .map((c) => ({ c, k: randomBytes(2).readUInt16BE() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.c)
    .join('');
}
