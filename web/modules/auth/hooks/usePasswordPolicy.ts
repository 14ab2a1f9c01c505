import { useQuery } from '@tanstack/react-query';
import type { FormRule as Rule } from 'antd';
import { useTranslation } from 'react-i18next';
import { request } from '../../../api/client.ts';
import type { MeResponse, PasswordPolicy } from '../../../api/types.ts';
import { PASSWORD_POLICY_KEY } from '../../../app/auth.tsx';

/** The server's default policy (MAGNET_PASSWORD_MIN_LENGTH 8, MIN_CLASSES 3), used until it says otherwise. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { min_length: 8, min_classes: 3 };

/** The longest password the server accepts. */
const PASSWORD_MAX_LENGTH = 128;

export function passwordClasses(p: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(p)).length;
}

function isPolicy(v: unknown): v is PasswordPolicy {
  if (!v || typeof v !== 'object') return false;
  const { min_length: length, min_classes: classes } = v as Record<string, unknown>;
  return Number.isInteger(length) && Number.isInteger(classes);
}

/**
 * The password policy of the server (`password_policy` of `GET /api/v1/auth/me`; `AuthProvider` fills the
 * cache when it asks who is signed in). Falls back to 8 characters and 3 classes while unknown or when an
 * older server does not send it; the server checks again either way.
 */
export function usePasswordPolicy(): PasswordPolicy {
  const policy = useQuery({
    queryKey: PASSWORD_POLICY_KEY,
    queryFn: async ({ signal }) =>
      (await request<MeResponse>('GET', '/api/v1/auth/me', { signal })).password_policy ?? null,
    staleTime: Infinity,
  });
  return isPolicy(policy.data) ? policy.data : DEFAULT_PASSWORD_POLICY;
}

/** The policy in words (“at least 8 characters with 3 of …”), for hints above or under password fields. */
export function usePasswordPolicyText(): string {
  const { t } = useTranslation();
  const policy = usePasswordPolicy();
  return t('password.policy', { min: policy.min_length, classes: policy.min_classes });
}

/**
 * A random password of four character classes that satisfies any policy: 16 characters, or the policy's
 * minimum length when that is longer.
 */
export function generatePassword(minLength = 0): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+-_!@'];
  const length = Math.min(PASSWORD_MAX_LENGTH, Math.max(16, minLength));
  // 4 upper, 2 symbols, 4 digits; lower-case letters fill the rest
  const counts = [4, length - 10, 4, 2];
  const bytes = new Uint8Array(length * 2);
  crypto.getRandomValues(bytes);
  let i = 0;
  const chars = sets.flatMap((set, k) =>
    Array.from({ length: counts[k] }, () => set[bytes[i++] % set.length]),
  );
  for (let j = chars.length - 1; j > 0; j--) {
    const r = bytes[i++ % bytes.length] % (j + 1);
    [chars[j], chars[r]] = [chars[r], chars[j]];
  }
  return chars.join('');
}

/** antd rules for a new password: required, length, character classes, not the username. */
export function usePasswordRules(username?: () => string | undefined): Rule[] {
  const { t } = useTranslation();
  const policy = usePasswordPolicy();
  return [
    { required: true, message: t('password.newRequired') },
    { min: policy.min_length, message: t('password.tooShort', { min: policy.min_length }) },
    {
      validator: async (_rule, value: unknown) => {
        if (typeof value !== 'string' || !value) return;
        if (passwordClasses(value) < policy.min_classes)
          throw new Error(t('password.tooWeak', { classes: policy.min_classes }));
        const name = username?.();
        if (name && value.toLowerCase().includes(name.toLowerCase()))
          throw new Error(t('password.containsUsername'));
      },
    },
  ];
}
