import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type ApiError } from '../api/client.ts';

const CJK = /[\u3400-\u9fff]/;

/** A message for one field problem in the UI's language, as far as the server's text allows. */
function fieldText(
  error: ApiError,
  path: string,
  message: string,
  zh: boolean,
  invalid: (d: string) => string,
) {
  if (!zh || CJK.test(message)) return message;
  // The server often names the field in the top-level message in Chinese ("unit_id: 单位不存在").
  const top = error.message;
  const prefix = `${path}: `;
  if (top.startsWith(prefix) && CJK.test(top)) return top.slice(prefix.length);
  return invalid(message);
}

/**
 * Puts the field problems of a 400 answer under the matching form fields. Returns true when at least one
 * field got a message; otherwise the caller shows the error as a toast.
 */
export function applyFieldErrors<T>(
  form: FormInstance<T>,
  error: unknown,
  opts: { zh: boolean; invalid: (detail: string) => string; fieldMap?: Record<string, string> },
): boolean {
  if (!isApiError(error)) return false;
  const registered = new Set(Object.keys((form.getFieldsValue() ?? {}) as Record<string, unknown>));
  const byField = new Map<string, string[]>();
  for (const p of error.fieldProblems) {
    const name = opts.fieldMap?.[p.path] ?? p.path.split('.')[0];
    if (!registered.has(name)) continue;
    const list = byField.get(name) ?? [];
    list.push(fieldText(error, p.path, p.message, opts.zh, opts.invalid));
    byField.set(name, list);
  }
  if (byField.size === 0) return false;
  form.setFields(
    [...byField].map(([name, errors]) => ({ name: name as never, errors: [...new Set(errors)] })),
  );
  return true;
}

/** `showError(e)`: an API error as a toast in the UI language; `applyToForm` first when a form is given. */
export function useApiError() {
  const { message } = App.useApp();
  const { t, i18n } = useTranslation();
  const zh = !i18n.language.startsWith('en');

  const showError = useCallback(
    (e: unknown) => {
      if (isApiError(e)) {
        if (e.code === 'NETWORK') void message.error(t('errors.network'));
        else void message.error(e.message || t('errors.unknown'));
      } else {
        void message.error(t('errors.unknown'));
      }
    },
    [message, t],
  );

  const handleFormError = useCallback(
    <T>(form: FormInstance<T>, e: unknown, fieldMap?: Record<string, string>) => {
      const placed = applyFieldErrors(form, e, {
        zh,
        fieldMap,
        invalid: (detail) => t('errors.fieldInvalid', { detail }),
      });
      if (!placed) showError(e);
    },
    [showError, t, zh],
  );

  return { showError, handleFormError };
}
