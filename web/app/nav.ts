import type { ComponentType } from 'react';
import {
  AimOutlined,
  ApartmentOutlined,
  AppstoreOutlined,
  BankOutlined,
  ClusterOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  EnvironmentOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FlagOutlined,
  HistoryOutlined,
  HomeOutlined,
  NotificationOutlined,
  ProjectOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ROLES, type Role } from '../../shared/enums.ts';
import type { Messages } from '../i18n/zh-CN.ts';

export type NavLabelKey = Exclude<
  keyof Messages['nav'],
  'comingSoon' | 'comingSoonTag' | 'menu' | 'expandMenu' | 'collapseMenu'
>;

/** An icon component (@ant-design/icons); rendered aria-hidden next to its label. */
export type NavIcon = ComponentType<{ 'aria-hidden'?: boolean }>;

/**
 * One entry of the side menu. THE place to switch an area on: set `enabled: true` when its pages land
 * (and add the page to `PAGES` in `router.tsx`). A disabled entry shows “即将推出” and is not clickable;
 * an entry whose `roles` exclude the user is not shown at all.
 */
export interface NavItem {
  key: string;
  path: string;
  label: NavLabelKey;
  icon: NavIcon;
  roles: readonly Role[];
  enabled: boolean;
}

export interface NavGroup {
  key: string;
  label: NavLabelKey;
  icon: NavIcon;
  children: NavItem[];
}

export type NavEntry = NavItem | NavGroup;

const ALL: readonly Role[] = ROLES;
const STAFF: readonly Role[] = ['admin', 'office', 'department', 'district', 'liaison', 'leader'];
const ADMIN: readonly Role[] = ['admin'];

export const NAV: NavEntry[] = [
  { key: 'home', path: '/', label: 'home', icon: HomeOutlined, roles: ALL, enabled: true },
  // SPEC §3.1
  {
    key: 'projects',
    path: '/projects',
    label: 'projects',
    icon: ProjectOutlined,
    roles: STAFF,
    enabled: true,
  },
  // SPEC §3.4
  {
    key: 'enterprises',
    path: '/enterprises',
    label: 'enterprises',
    icon: BankOutlined,
    roles: ['admin', 'office', 'department', 'district', 'liaison'],
    enabled: true,
  },
  // SPEC §3.2
  {
    key: 'reports',
    path: '/reports',
    label: 'reports',
    icon: FileTextOutlined,
    roles: ['admin', 'office', 'district'],
    enabled: true,
  },
  {
    key: 'bulletins',
    path: '/bulletins',
    label: 'bulletins',
    icon: NotificationOutlined,
    roles: STAFF,
    enabled: true,
  },
  // SPEC §3.3
  {
    key: 'targets',
    path: '/targets',
    label: 'targets',
    icon: AimOutlined,
    roles: ['admin', 'office', 'district', 'leader'],
    enabled: true,
  },
  {
    key: 'assessments',
    path: '/assessments',
    label: 'assessments',
    icon: TrophyOutlined,
    roles: ['admin', 'office', 'district', 'leader'],
    enabled: true,
  },
  {
    key: 'cockpit',
    path: '/cockpit',
    label: 'cockpit',
    icon: DashboardOutlined,
    roles: ['admin', 'office', 'leader'],
    enabled: true,
  },
  // SPEC §3.2 semi-annual verification and rectification
  {
    key: 'verification',
    path: '/verification',
    label: 'verification',
    icon: FileSearchOutlined,
    roles: ['admin', 'office', 'district'],
    enabled: true,
  },
  // SPEC §3.5
  {
    key: 'chains',
    path: '/chains',
    label: 'chains',
    icon: ApartmentOutlined,
    roles: ['admin', 'office', 'department', 'district', 'leader'],
    enabled: false,
  },
  // SPEC §3.4
  {
    key: 'events',
    path: '/events',
    label: 'events',
    icon: FlagOutlined,
    roles: ['admin', 'office', 'department', 'district', 'liaison'],
    enabled: false,
  },
  // SPEC §3.6
  {
    key: 'liaison',
    path: '/liaison',
    label: 'liaison',
    icon: TeamOutlined,
    roles: ['admin', 'office', 'district', 'liaison', 'leader'],
    enabled: false,
  },
  // SPEC §3.7
  {
    key: 'environment',
    path: '/environment',
    label: 'environment',
    icon: ShopOutlined,
    roles: ['admin', 'office', 'department', 'district', 'enterprise'],
    enabled: false,
  },
  {
    key: 'reference',
    label: 'reference',
    icon: DatabaseOutlined,
    children: [
      {
        key: 'regions',
        path: '/reference/regions',
        label: 'regions',
        icon: EnvironmentOutlined,
        roles: ALL,
        enabled: true,
      },
      {
        key: 'industries',
        path: '/reference/industries',
        label: 'industries',
        icon: AppstoreOutlined,
        roles: ALL,
        enabled: true,
      },
      { key: 'units', path: '/units', label: 'units', icon: ClusterOutlined, roles: STAFF, enabled: true },
    ],
  },
  {
    key: 'system',
    label: 'system',
    icon: SettingOutlined,
    children: [
      { key: 'users', path: '/admin/users', label: 'users', icon: UserOutlined, roles: ADMIN, enabled: true },
      {
        key: 'audit',
        path: '/admin/audit',
        label: 'audit',
        icon: HistoryOutlined,
        roles: ADMIN,
        enabled: true,
      },
    ],
  },
];

export function isGroup(entry: NavEntry): entry is NavGroup {
  return 'children' in entry;
}

/** Every item, groups flattened. */
export function navItems(): NavItem[] {
  return NAV.flatMap((e) => (isGroup(e) ? e.children : [e]));
}

/** The menu as a role sees it: items of other roles removed, empty groups dropped. */
export function navFor(role: Role): NavEntry[] {
  return NAV.flatMap((e): NavEntry[] => {
    if (!isGroup(e)) return e.roles.includes(role) ? [e] : [];
    const children = e.children.filter((c) => c.roles.includes(role));
    return children.length ? [{ ...e, children }] : [];
  });
}

/** The nav item a path belongs to (longest matching path). */
export function navItemForPath(pathname: string): NavItem | undefined {
  return navItems()
    .filter((i) =>
      i.path === '/' ? pathname === '/' : pathname === i.path || pathname.startsWith(`${i.path}/`),
    )
    .sort((a, b) => b.path.length - a.path.length)[0];
}

export function canUse(role: Role, key: string): boolean {
  const item = navItems().find((i) => i.key === key);
  return !!item && item.enabled && item.roles.includes(role);
}
