import { Flex, Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../../shared/enums.ts';
import { useAuth } from './auth.tsx';

// only ever inside the shell (which shows a spinner while it loads): not in the first download
const Forbidden = lazy(async () => ({ default: (await import('../ui/Results.tsx')).Forbidden }));

export const FORCED_PASSWORD_PATH = '/password/required';

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Lazy pages show a spinner while their chunk loads. */
export function PageSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<FullPageSpin />}>{children}</Suspense>;
}

/** Signed-in users only; a user who must change the password goes nowhere else first. */
export function RequireAuth() {
  const { user, loading, notice } = useAuth();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (!user) {
    const from = notice === 'loggedOut' ? undefined : `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={from ? { from } : null} />;
  }
  if (user.must_change_password && location.pathname !== FORCED_PASSWORD_PATH)
    return <Navigate to={FORCED_PASSWORD_PATH} replace />;
  if (!user.must_change_password && location.pathname === FORCED_PASSWORD_PATH)
    return <Navigate to="/" replace />;
  return <Outlet />;
}

/** The login page is for signed-out visitors. */
export function RequireGuest() {
  const { user, loading } = useAuth();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (user) {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }
  return <Outlet />;
}

/** Pages for some roles only; others see 403 (the server refuses them anyway). */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useAuth();
  if (!user || !roles.includes(user.role)) return <Forbidden />;
  return <>{children}</>;
}
