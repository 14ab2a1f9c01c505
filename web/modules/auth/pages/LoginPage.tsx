import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, theme } from 'antd';
// the two fields alone: antd's `Input` brings TextArea, Search and OTP along (16 kB gzipped on this page)
import Input from 'antd/es/input/Input';
import Password from 'antd/es/input/Password';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client.ts';
import { useAuth } from '../../../app/auth.tsx';
import { LanguageSwitch } from '../../../ui/LanguageSwitch.tsx';

interface Values {
  username: string;
  password: string;
}

const FEATURES = ['projects', 'reports', 'bulletins', 'assessments', 'chains', 'environment'] as const;

/**
 * Sign-in, in Chinese with an English switch; the API's error (wrong password, locked) shown as is. Plain
 * headings and a plain panel instead of antd Typography and Card: the page is the first one anyone loads,
 * and those two bring editable text, tooltips, tabs and menus along (about 40 kB gzipped).
 */
export function LoginPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { login, notice } = useAuth();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const handleFinish = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
    } catch (e) {
      setError(isApiError(e) && e.code !== 'NETWORK' ? e.message : t('errors.network'));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(135deg, #0f2847 0%, #1f5fbf 60%, #3d7fe0 100%)',
        fontFamily: token.fontFamily,
      }}
      vertical
    >
      <Flex justify="space-between" align="center" style={{ padding: '16px 32px' }}>
        <Flex align="center" gap={10}>
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <span style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>{t('app.brand')}</span>
        </Flex>
        <LanguageSwitch type="default" />
      </Flex>
      <Flex flex={1} align="center" justify="center" gap={72} wrap style={{ padding: '24px 32px 64px' }}>
        <div style={{ color: '#fff', maxWidth: 480 }}>
          <h1 style={{ color: '#fff', fontSize: 34, fontWeight: 600, lineHeight: 1.25, margin: '0 0 8px' }}>
            {t('login.title')}
          </h1>
          <p style={{ margin: '0 0 14px', color: 'rgba(255,255,255,0.85)', fontSize: 16 }}>
            {t('login.subtitle')}
          </p>
          <p style={{ margin: '0 0 14px', color: 'rgba(255,255,255,0.75)', fontSize: 14, marginBottom: 0 }}>
            {t('app.slogan')}
          </p>
          <Flex gap={8} wrap style={{ marginTop: 20 }}>
            {FEATURES.map((f) => (
              <span
                key={f}
                style={{
                  border: '1px solid rgba(255,255,255,0.35)',
                  borderRadius: 14,
                  padding: '2px 12px',
                  color: 'rgba(255,255,255,0.9)',
                  fontSize: 13,
                }}
              >
                {t(`nav.${f}`)}
              </span>
            ))}
          </Flex>
        </div>
        <div
          style={{
            width: 380,
            padding: 24,
            background: token.colorBgContainer,
            borderRadius: token.borderRadiusLG,
            boxShadow: '0 12px 40px rgba(0,0,0,0.25)',
          }}
        >
          <h2 style={{ fontSize: 20, fontWeight: 600, color: token.colorTextHeading, margin: '0 0 20px' }}>
            {t('login.heading')}
          </h2>
          {notice === 'expired' && !error ? (
            <Alert type="warning" showIcon title={t('login.sessionExpired')} style={{ marginBottom: 16 }} />
          ) : null}
          {notice === 'loggedOut' && !error ? (
            <Alert type="success" showIcon title={t('userMenu.loggedOut')} style={{ marginBottom: 16 }} />
          ) : null}
          {error ? (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />
          ) : null}
          <Form<Values> form={form} layout="vertical" onFinish={handleFinish} requiredMark={false}>
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={busy}>
              {t('login.submit')}
            </Button>
          </Form>
          <p style={{ fontSize: 12, marginTop: 16, marginBottom: 0, color: token.colorTextSecondary }}>
            {t('login.hint')}
          </p>
        </div>
      </Flex>
      <span style={{ color: 'rgba(255,255,255,0.6)', textAlign: 'center', padding: 16, fontSize: 12 }}>
        {t('app.footer')}
      </span>
    </Flex>
  );
}
