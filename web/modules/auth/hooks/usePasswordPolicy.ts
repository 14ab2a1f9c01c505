import type { FormRule as Rule } from 'antd';
import { useTranslation } from 'react-i18next';

/** The server's default policy (MAGNET_PASSWORD_MIN_LENGTH 8, MIN_CLASSES 3); the server has the last word. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MIN_CLASSES = 3;

export function passwordClasses(p: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(p)).length;
}

/** A random password of four character classes that satisfies any policy (16 characters). */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+-_!@'];
  const counts = [4, 6, 4, 2];
  const bytes = new Uint8Array(32);
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
  return [
    { required: true, message: t('password.newRequired') },
    { min: PASSWORD_MIN_LENGTH, message: t('password.tooShort') },
    {
      validator: async (_rule, value: unknown) => {
        if (typeof value !== 'string' || !value) return;
        if (passwordClasses(value) < PASSWORD_MIN_CLASSES) throw new Error(t('password.tooWeak'));
        const name = username?.();
        if (name && value.toLowerCase().includes(name.toLowerCase()))
          throw new Error(t('password.containsUsername'));
      },
    },
  ];
}
