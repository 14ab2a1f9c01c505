import { RocketOutlined } from '@ant-design/icons';
import { Result, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ComingSoonProps {
  /** The area's name, already translated. */
  name: string;
}

/** What an area that is not built yet shows: an honest “即将推出”, never a fake page. */
export function ComingSoon({ name }: ComingSoonProps) {
  const { t } = useTranslation();
  return (
    <Result
      icon={<RocketOutlined />}
      title={
        <>
          {name} <Tag color="gold">{t('ui.comingSoonTitle')}</Tag>
        </>
      }
      subTitle={t('ui.comingSoonDesc', { name })}
    />
  );
}
