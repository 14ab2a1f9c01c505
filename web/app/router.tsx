import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, type RouteObject } from 'react-router';
import type { Role } from '../../shared/enums.ts';
import { ComingSoon } from '../ui/ComingSoon.tsx';
import { NotFound, PageError } from '../ui/Results.tsx';
import { AppShell } from './AppShell.tsx';
import { FORCED_PASSWORD_PATH, PageSuspense, RequireAuth, RequireGuest, RequireRole } from './guards.tsx';
import { navItems, type NavLabelKey } from './nav.ts';

/** `React.lazy` for a named export: every page is its own chunk. */
function page<M extends Record<string, unknown>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const LoginPage = page(() => import('../modules/auth/pages/LoginPage.tsx'), 'LoginPage');
const ForcedPasswordPage = page(
  () => import('../modules/auth/pages/ForcedPasswordPage.tsx'),
  'ForcedPasswordPage',
);
const ChangePasswordPage = page(
  () => import('../modules/auth/pages/ChangePasswordPage.tsx'),
  'ChangePasswordPage',
);
const HomePage = page(() => import('../modules/home/pages/HomePage.tsx'), 'HomePage');
const RegionsPage = page(() => import('../modules/reference/pages/RegionsPage.tsx'), 'RegionsPage');
const IndustriesPage = page(() => import('../modules/reference/pages/IndustriesPage.tsx'), 'IndustriesPage');
const UnitsPage = page(() => import('../modules/units/pages/UnitsPage.tsx'), 'UnitsPage');
const UsersPage = page(() => import('../modules/users/pages/UsersPage.tsx'), 'UsersPage');
const AuditPage = page(() => import('../modules/audit/pages/AuditPage.tsx'), 'AuditPage');

/** The page of each enabled nav item (by nav key). Add yours here when you enable an item in nav.ts. */
const PAGES: Record<string, LazyExoticComponent<ComponentType>> = {
  regions: RegionsPage,
  industries: IndustriesPage,
  units: UnitsPage,
  users: UsersPage,
  audit: AuditPage,
};

function ComingSoonRoute({ label }: { label: NavLabelKey }) {
  const { t } = useTranslation();
  return <ComingSoon name={t(`nav.${label}`)} />;
}

function guarded(roles: readonly Role[], element: ReactNode) {
  return <RequireRole roles={roles}>{element}</RequireRole>;
}

const areaRoutes: RouteObject[] = navItems()
  .filter((i) => i.path !== '/')
  .map((item) => {
    const Page = PAGES[item.key];
    return {
      path: item.path.slice(1),
      element: guarded(item.roles, item.enabled && Page ? <Page /> : <ComingSoonRoute label={item.label} />),
    };
  });

export const routes: RouteObject[] = [
  {
    errorElement: <PageError />,
    children: [
      {
        element: <RequireGuest />,
        children: [
          {
            path: 'login',
            element: (
              <PageSuspense>
                <LoginPage />
              </PageSuspense>
            ),
          },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          {
            path: FORCED_PASSWORD_PATH.slice(1),
            element: (
              <PageSuspense>
                <ForcedPasswordPage />
              </PageSuspense>
            ),
          },
          {
            element: <AppShell />,
            children: [
              { index: true, element: <HomePage /> },
              ...areaRoutes,
              { path: 'account/password', element: <ChangePasswordPage /> },
              { path: '*', element: <NotFound /> },
            ],
          },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
