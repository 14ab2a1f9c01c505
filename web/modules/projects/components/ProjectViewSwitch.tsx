import { AppstoreOutlined, CopyOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useMe } from '../../../app/auth.tsx';

type View = 'list' | 'board' | 'doubleCounts';
const PATHS: Record<View, string> = {
  list: '/projects',
  board: '/projects/board',
  doubleCounts: '/projects/double-counts',
};

/** 列表 / 看板 / 重复统计核查 (office only); list and board keep the same filters. */
export function ProjectViewSwitch({ value }: { value: View }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const office = me.role === 'office' || me.role === 'admin';
  const options = [
    { value: 'list' as View, label: t('projects.views.list'), icon: <UnorderedListOutlined /> },
    { value: 'board' as View, label: t('projects.views.board'), icon: <AppstoreOutlined /> },
    ...(office
      ? [{ value: 'doubleCounts' as View, label: t('projects.views.doubleCounts'), icon: <CopyOutlined /> }]
      : []),
  ];
  const handleChange = (v: View) => {
    const keep = v !== 'doubleCounts' && value !== 'doubleCounts' ? location.search : '';
    navigate(`${PATHS[v]}${keep}`);
  };
  return (
    <Segmented<View>
      value={value}
      onChange={handleChange}
      options={options}
      aria-label={t('projects.title')}
    />
  );
}
