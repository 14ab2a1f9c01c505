import { Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import { createElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../../api/types.ts';
import { useMe } from '../../../app/auth.tsx';
import { isGroup, navFor, type NavItem } from '../../../app/nav.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';

/** Which data the user sees, as the server's scope rule has it (district/liaison: own region subtree). */
function useScopeText(me: Me): string {
  const { t } = useTranslation();
  if (me.role === 'district' || me.role === 'liaison')
    return me.region ? t('home.scopeSubtree', { region: me.region_name ?? me.region }) : t('home.scopeNone');
  if (me.role === 'enterprise') return t('home.scopeNone');
  return t('home.scopeAll');
}

function AreaCard({ item }: { item: NavItem }) {
  const { t } = useTranslation();
  const body = (
    <Card
      size="small"
      hoverable={item.enabled}
      style={{ height: '100%', opacity: item.enabled ? 1 : 0.7 }}
      styles={{ body: { display: 'flex', alignItems: 'center', gap: 12 } }}
    >
      <span style={{ fontSize: 22, color: item.enabled ? '#1f5fbf' : '#999' }}>
        {createElement(item.icon, { 'aria-hidden': true })}
      </span>
      <span style={{ flex: 1 }}>{t(`nav.${item.label}`)}</span>
      {item.enabled ? null : <Tag>{t('nav.comingSoon')}</Tag>}
    </Card>
  );
  return item.enabled ? (
    <Link to={item.path} aria-label={t(`nav.${item.label}`)}>
      {body}
    </Link>
  ) : (
    body
  );
}

/** A welcome with the user's role and data scope, and the areas the role can use. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const scope = useScopeText(me);
  const areas = navFor(me.role)
    .flatMap((e) => (isGroup(e) ? e.children : [e]))
    .filter((i) => i.key !== 'home');

  return (
    <>
      <PageHeader title={t('home.welcome', { name: me.display_name })} subtitle={t('home.intro')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          column={3}
          size="small"
          items={[
            { key: 'role', label: t('home.role'), children: t(`roles.${me.role}`) },
            { key: 'unit', label: t('home.unit'), children: me.unit_name ?? t('userMenu.noUnit') },
            {
              key: 'scope',
              label: t('home.scope'),
              children: <span data-testid="home-scope">{scope}</span>,
            },
          ]}
        />
      </Card>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('home.areas')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {areas.map((item) => (
          <Col key={item.key} xs={12} md={8} xl={6}>
            <AreaCard item={item} />
          </Col>
        ))}
      </Row>
    </>
  );
}
