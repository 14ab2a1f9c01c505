import {
  DownOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  TranslationOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Dropdown, Flex, Layout, Menu, Tag, Typography, type MenuProps } from 'antd';
import { createElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { changeLanguage } from '../i18n/index.ts';
import { NotificationBell } from '../modules/notifications/components/NotificationBell.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { useAuth, useMe } from './auth.tsx';
import { PageSuspense } from './guards.tsx';
import { isGroup, navFor, navItemForPath, navItems, type NavItem } from './nav.ts';

type MenuItem = Required<MenuProps>['items'][number];

function Brand({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex
      align="center"
      gap={10}
      style={{ height: 56, padding: collapsed ? '0 24px' : '0 18px', overflow: 'hidden' }}
    >
      <img src="/favicon.svg" alt="" width={28} height={28} style={{ flex: 'none' }} />
      {collapsed ? null : (
        <div style={{ lineHeight: 1.2, whiteSpace: 'nowrap' }}>
          <div style={{ color: '#fff', fontWeight: 600, fontSize: 14 }}>{t('app.shellTitle')}</div>
          <div style={{ color: 'rgba(255,255,255,0.55)', fontSize: 12 }}>{t('app.shellSubtitle')}</div>
        </div>
      )}
    </Flex>
  );
}

/** The frame of every signed-in page: side menu by role, user menu, language. */
export function AppShell() {
  const me = useMe();
  const { logout } = useAuth();
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);

  const entries = useMemo(() => navFor(me.role), [me.role]);
  const current = navItemForPath(location.pathname);
  const openGroup = entries.find((e) => isGroup(e) && e.children.some((c) => c.key === current?.key))?.key;

  const label = (item: NavItem) =>
    item.enabled ? (
      t(`nav.${item.label}`)
    ) : (
      <span style={{ display: 'flex', alignItems: 'center', minWidth: 0 }}>
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{t(`nav.${item.label}`)}</span>
        <Tag
          variant="outlined"
          style={{
            flex: 'none',
            marginInlineStart: 6,
            fontSize: 11,
            lineHeight: '16px',
            paddingInline: 4,
            color: 'rgba(255,255,255,0.55)',
            borderColor: 'rgba(255,255,255,0.25)',
            background: 'transparent',
          }}
        >
          {t('nav.comingSoonTag')}
        </Tag>
      </span>
    );
  const toMenuItem = (item: NavItem): MenuItem => ({
    key: item.key,
    icon: createElement(item.icon, { 'aria-hidden': true }),
    label: label(item),
    disabled: !item.enabled,
    title: t(`nav.${item.label}`),
  });
  const items: MenuItem[] = entries.map((e) =>
    isGroup(e)
      ? {
          key: e.key,
          icon: createElement(e.icon, { 'aria-hidden': true }),
          label: t(`nav.${e.label}`),
          children: e.children.map(toMenuItem),
        }
      : toMenuItem(e),
  );

  const handleMenuClick: MenuProps['onClick'] = ({ key }) => {
    const item = navItems().find((i) => i.key === key);
    if (item?.enabled) navigate(item.path);
  };

  const handleUserMenuClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate('/account/password');
    else if (key === 'lang-zh') void changeLanguage('zh-CN');
    else if (key === 'lang-en') void changeLanguage('en');
    else if (key === 'logout') void logout();
  };

  const userMenu: MenuProps = {
    onClick: handleUserMenuClick,
    selectable: true,
    selectedKeys: [i18n.language === 'en' ? 'lang-en' : 'lang-zh'],
    items: [
      {
        key: 'who',
        type: 'group',
        label: (
          <div style={{ lineHeight: 1.4 }}>
            <div>{me.display_name}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`roles.${me.role}`)} · {me.unit_name ?? t('userMenu.noUnit')}
            </Typography.Text>
          </div>
        ),
      },
      { type: 'divider' },
      { key: 'password', icon: <KeyOutlined />, label: t('userMenu.changePassword') },
      {
        key: 'lang',
        icon: <TranslationOutlined />,
        label: t('userMenu.language'),
        children: [
          { key: 'lang-zh', label: '中文' },
          { key: 'lang-en', label: 'English' },
        ],
      },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: t('userMenu.logout'), danger: true },
    ],
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        width={236}
        collapsed={collapsed}
        collapsedWidth={72}
        trigger={null}
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <Brand collapsed={collapsed} />
        <nav aria-label={t('nav.menu')}>
          <Menu
            theme="dark"
            mode="inline"
            items={items}
            selectedKeys={current ? [current.key] : []}
            defaultOpenKeys={openGroup ? [openGroup] : []}
            onClick={handleMenuClick}
            style={{ borderInlineEnd: 0 }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Flex align="center" gap={8}>
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed((c) => !c)}
              aria-label={collapsed ? t('nav.expandMenu') : t('nav.collapseMenu')}
            />
            <Typography.Text strong>
              {current
                ? t(`nav.${current.label}`)
                : location.pathname === '/account/password'
                  ? t('password.title')
                  : ''}
            </Typography.Text>
          </Flex>
          <Flex align="center" gap={8}>
            <NotificationBell />
            <LanguageSwitch />
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <Button type="text" data-testid="user-menu" style={{ height: 44 }}>
                <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1f5fbf' }} />
                <span style={{ textAlign: 'left', lineHeight: 1.25 }}>
                  <span style={{ display: 'block' }}>{me.display_name}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                    {me.unit_name ?? t(`roles.${me.role}`)}
                  </Typography.Text>
                </span>
                <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 20, minWidth: 0 }}>
          <PageSuspense>
            <Outlet />
          </PageSuspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
