import { lazy, useEffect, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, useLocation, useMatches, type RouteObject } from 'react-router';
import type { Role } from '../../shared/enums.ts';
import { loadMessages, type Namespace } from '../i18n/index.ts';
import { PageError } from '../ui/PageError.tsx';
import { FORCED_PASSWORD_PATH, PageSuspense, RequireAuth, RequireGuest, RequireRole } from './guards.tsx';
import { navItems, type NavLabelKey } from './nav.ts';
import { queryClient } from './queryClient.ts';

type LazyPage = LazyExoticComponent<ComponentType> & {
  /** Starts loading the page (chunk and messages) before it renders; resolves when both are here. */
  preload(): Promise<unknown>;
  /** Starts loading the data the page will first show at an address (its query string), if it says how. */
  prefetch?(search: URLSearchParams): void;
};

/**
 * `React.lazy` for a named export: every page is its own chunk, and renders once its chunk and the message
 * namespaces it uses are here (those its own files and the components it imports use: `NAMESPACES` in
 * i18n/index.ts; `web/i18n/namespaces.test.ts` checks these lists).
 */
function page<M extends Record<string, unknown>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
  namespaces: readonly Namespace[] = [],
  data?: (search: URLSearchParams) => Promise<unknown>,
): LazyPage {
  const preload = () => Promise.all([load(), loadMessages(namespaces)]);
  const prefetch = data && ((search: URLSearchParams) => void data(search).catch(() => undefined));
  return Object.assign(
    lazy(async () => ({ default: (await preload())[0][name] as ComponentType })),
    { preload, ...(prefetch ? { prefetch } : {}) },
  );
}

/** A head start for the chunks a route group will need, in order, while `/auth/me` is under way. */
function preload(targets: readonly LazyPage[]) {
  targets
    .reduce<Promise<unknown>>((prev, t) => prev.then(() => t.preload()), Promise.resolve())
    .catch(() => undefined); // a failure shows when the page renders (error page)
}

// The frame of the signed-in pages (menu, header, bell) is a chunk of its own: the login page does not need it.
const AppShell = page(() => import('./AppShell.tsx'), 'AppShell', ['notifications']);
const LoginPage = page(() => import('../modules/auth/pages/LoginPage.tsx'), 'LoginPage');

/** Signed-out routes: the login page loads with `/auth/me`, then the shell (signing in comes next). */
function GuestRoutes() {
  useEffect(() => preload([LoginPage, AppShell]), []);
  return <RequireGuest />;
}

/** What a signed-in route carries for the head start below: its page. */
interface PageHandle {
  page: LazyPage;
}

/**
 * Signed-in routes: the shell and the page of the address being opened load with `/auth/me`, side by side —
 * not one after the other once the user is known (a cold /projects spent ~1 s in that waterfall).
 */
function AuthRoutes() {
  const matches = useMatches();
  const { search } = useLocation();
  useEffect(() => {
    preload([AppShell]);
    const leaf = matches[matches.length - 1]?.handle as PageHandle | undefined;
    if (leaf?.page) preload([leaf.page]);
    leaf?.page.prefetch?.(new URLSearchParams(search));
    // the first address only: later navigations load their page as they render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return <RequireAuth />;
}

const NotFound = page(() => import('../ui/Results.tsx'), 'NotFound');
const ComingSoon = lazy(async () => ({ default: (await import('../ui/ComingSoon.tsx')).ComingSoon }));

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
// SPEC §3.1 project pipeline and investor enterprises
const ProjectListPage = page(
  () => import('../modules/projects/pages/ProjectListPage.tsx'),
  'ProjectListPage',
  ['projects', 'uikit'],
  (search) =>
    import('../modules/projects/prefetch.ts').then((m) => m.prefetchProjectList(queryClient, search)),
);
const ProjectBoardPage = page(
  () => import('../modules/projects/pages/ProjectBoardPage.tsx'),
  'ProjectBoardPage',
  ['projects', 'uikit'],
);
const ProjectDetailPage = page(
  () => import('../modules/projects/pages/ProjectDetailPage.tsx'),
  'ProjectDetailPage',
  ['projects', 'uikit'],
);
const ProjectFormPage = page(
  () => import('../modules/projects/pages/ProjectFormPage.tsx'),
  'ProjectFormPage',
  ['projects', 'enterprises', 'uikit'],
);
const DoubleCountsPage = page(
  () => import('../modules/projects/pages/DoubleCountsPage.tsx'),
  'DoubleCountsPage',
  ['projects'],
);
const EnterpriseListPage = page(
  () => import('../modules/enterprises/pages/EnterpriseListPage.tsx'),
  'EnterpriseListPage',
  ['enterprises', 'uikit'],
);
const EnterpriseDetailPage = page(
  () => import('../modules/enterprises/pages/EnterpriseDetailPage.tsx'),
  'EnterpriseDetailPage',
  ['enterprises', 'projects'],
);
const EnterpriseFormPage = page(
  () => import('../modules/enterprises/pages/EnterpriseFormPage.tsx'),
  'EnterpriseFormPage',
  ['enterprises', 'projects', 'uikit'],
);
// SPEC §3.2 monthly statistics, bulletins, targets, verification
const ReportsPage = page(() => import('../modules/reports/pages/ReportsPage.tsx'), 'ReportsPage', [
  'reports',
  'uikit',
]);
const ReportEntryPage = page(
  () => import('../modules/reports/pages/ReportEntryPage.tsx'),
  'ReportEntryPage',
  ['reports', 'uikit'],
);
const BulletinPage = page(() => import('../modules/bulletins/pages/BulletinPage.tsx'), 'BulletinPage', [
  'bulletins',
]);
const TargetsPage = page(() => import('../modules/targets/pages/TargetsPage.tsx'), 'TargetsPage', [
  'targets',
  'assessments',
  'uikit',
]);
const VerificationPage = page(
  () => import('../modules/verification/pages/VerificationPage.tsx'),
  'VerificationPage',
  ['verification', 'uikit'],
);
const VerificationDetailPage = page(
  () => import('../modules/verification/pages/VerificationDetailPage.tsx'),
  'VerificationDetailPage',
  ['verification', 'uikit'],
);
const InspectionDetailPage = page(
  () => import('../modules/verification/pages/InspectionDetailPage.tsx'),
  'InspectionDetailPage',
  ['verification', 'reports', 'uikit'],
);

// SPEC §3.3 assessment (考核、约谈、奖励) and the leader cockpit
const AssessmentsPage = page(
  () => import('../modules/assessments/pages/AssessmentsPage.tsx'),
  'AssessmentsPage',
  ['assessments'],
);
const RunPage = page(() => import('../modules/assessments/pages/RunPage.tsx'), 'RunPage', ['assessments']);
const RegionBreakdownPage = page(
  () => import('../modules/assessments/pages/RegionBreakdownPage.tsx'),
  'RegionBreakdownPage',
  ['assessments'],
);
const SchemeEditorPage = page(
  () => import('../modules/assessments/pages/SchemeEditorPage.tsx'),
  'SchemeEditorPage',
  ['assessments'],
);
const InterviewPage = page(() => import('../modules/assessments/pages/InterviewPage.tsx'), 'InterviewPage', [
  'assessments',
]);
const CockpitPage = page(() => import('../modules/cockpit/pages/CockpitPage.tsx'), 'CockpitPage', [
  'cockpit',
  'assessments',
]);

/** The page of each enabled nav item (by nav key). Add yours here when you enable an item in nav.ts. */
const PAGES: Record<string, LazyPage> = {
  regions: RegionsPage,
  industries: IndustriesPage,
  units: UnitsPage,
  users: UsersPage,
  audit: AuditPage,
  assessments: AssessmentsPage,
  cockpit: CockpitPage,
  projects: ProjectListPage,
  enterprises: EnterpriseListPage,
  reports: ReportsPage,
  bulletins: BulletinPage,
  targets: TargetsPage,
  verification: VerificationPage,
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
    const live = item.enabled && Page;
    return {
      path: item.path.slice(1),
      element: guarded(item.roles, live ? <Page /> : <ComingSoonRoute label={item.label} />),
      ...(live ? { handle: { page: Page } satisfies PageHandle } : {}),
    };
  });

const PIPELINE_WRITERS: readonly Role[] = ['admin', 'office', 'department', 'district'];
const PIPELINE_READERS: readonly Role[] = ['admin', 'office', 'department', 'district', 'liaison', 'leader'];

const ASSESSMENT_READERS: readonly Role[] = ['admin', 'office', 'district', 'leader'];

function sub(path: string, roles: readonly Role[], Page: LazyPage): RouteObject {
  return { path, element: guarded(roles, <Page />), handle: { page: Page } satisfies PageHandle };
}

/** Pages below an area (details, forms, other views); the area's own page is in `PAGES`. */
const subRoutes: RouteObject[] = [
  sub('assessments/runs/:id', ASSESSMENT_READERS, RunPage),
  sub('assessments/runs/:id/regions/:region', ASSESSMENT_READERS, RegionBreakdownPage),
  sub('assessments/schemes/:id', ['admin', 'office', 'leader'], SchemeEditorPage),
  sub('assessments/interviews/:id', ASSESSMENT_READERS, InterviewPage),
  sub('reports/:region/:month', ['admin', 'office', 'district'], ReportEntryPage),
  sub('verification/checks/:id', ['admin', 'office', 'district'], VerificationDetailPage),
  sub('verification/inspections/:id', ['admin', 'office', 'district'], InspectionDetailPage),
  sub('projects/board', PIPELINE_READERS, ProjectBoardPage),
  sub('projects/double-counts', ['admin', 'office'], DoubleCountsPage),
  sub('projects/new', PIPELINE_WRITERS, ProjectFormPage),
  sub('projects/:id', PIPELINE_READERS, ProjectDetailPage),
  sub('projects/:id/edit', PIPELINE_WRITERS, ProjectFormPage),
  sub('enterprises/new', PIPELINE_WRITERS, EnterpriseFormPage),
  sub('enterprises/:id', PIPELINE_READERS, EnterpriseDetailPage),
  sub('enterprises/:id/edit', PIPELINE_WRITERS, EnterpriseFormPage),
];

export const routes: RouteObject[] = [
  {
    errorElement: <PageError />,
    children: [
      {
        element: <GuestRoutes />,
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
        element: <AuthRoutes />,
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
            element: (
              <PageSuspense>
                <AppShell />
              </PageSuspense>
            ),
            children: [
              { index: true, element: <HomePage />, handle: { page: HomePage } satisfies PageHandle },
              ...areaRoutes,
              ...subRoutes,
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
