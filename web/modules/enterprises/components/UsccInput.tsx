import { CheckCircleFilled } from '@ant-design/icons';
import { Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { normalizeUscc, usccCheckChar, usccProblem } from '../../../../shared/uscc.ts';

export interface UsccInputProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string) => void;
  disabled?: boolean;
  'aria-label'?: string;
}

/** A USCC as typed: blanks removed and upper-cased on the fly, a tick when the check character is right. */
export function UsccInput({ value, onChange, ...rest }: UsccInputProps) {
  const { t } = useTranslation();
  const v = value ?? '';
  const ok = v.length === 18 && usccProblem(v) === null;
  return (
    <Input
      {...rest}
      value={v}
      maxLength={24}
      autoComplete="off"
      spellCheck={false}
      placeholder={t('enterprises.form.usccPlaceholder')}
      style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
      onChange={(e) => onChange?.(normalizeUscc(e.target.value))}
      suffix={
        ok ? (
          <CheckCircleFilled style={{ color: '#52c41a' }} aria-label={t('enterprises.form.usccOk')} />
        ) : (
          <span />
        )
      }
    />
  );
}

/** A validator for a USCC that fails GB 32100-2015: the message in the UI's language, or null when valid. */
export function useUsccError() {
  const { t } = useTranslation();
  return (raw: string): string | null => {
    const code = normalizeUscc(raw);
    const problem = usccProblem(code);
    if (!problem) return null;
    if (problem === 'length') return t('enterprises.form.usccLength', { count: code.length });
    if (problem === 'charset') return t('enterprises.form.usccCharset');
    return t('enterprises.form.usccCheck', { expected: usccCheckChar(code.slice(0, 17)) ?? '?' });
  };
}
