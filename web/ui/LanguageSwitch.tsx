import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n/index.ts';

export interface LanguageSwitchProps {
  type?: 'text' | 'default' | 'link';
}

/** 中文 ⇄ English; the choice is kept in localStorage. */
export function LanguageSwitch({ type = 'text' }: LanguageSwitchProps) {
  const { t, i18n } = useTranslation();
  const handleClick = () => void changeLanguage(i18n.language === 'en' ? 'zh-CN' : 'en');
  return (
    <Button
      type={type}
      icon={<GlobalOutlined />}
      onClick={handleClick}
      data-testid="lang-switch"
      lang={i18n.language === 'en' ? 'zh-CN' : 'en'}
    >
      {t('lang.switchTo')}
    </Button>
  );
}
