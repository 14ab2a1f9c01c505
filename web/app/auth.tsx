import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  api,
  isApiError,
  request,
  setCsrfToken,
  setPasswordChangeHandler,
  setUnauthenticatedHandler,
} from '../api/client.ts';
import type { LoginResponse, Me, MeResponse, PasswordPolicy } from '../api/types.ts';

export const ME_KEY = ['auth', 'me'] as const;
/** The server's password policy, as `/auth/me` last told it (kept across sign-out: it is not the user's). */
export const PASSWORD_POLICY_KEY = ['auth', 'password-policy'] as const;

/** Drops every cached answer but the signed-in user (another user must never see them). */
function forgetData(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
}

export type AuthNotice = 'expired' | 'loggedOut' | null;

export interface AuthContextValue {
  user: Me | null;
  loading: boolean;
  notice: AuthNotice;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

async function fetchMe(queryClient: QueryClient): Promise<Me | null> {
  try {
    const r = await request<MeResponse>('GET', '/api/v1/auth/me', { quiet401: true });
    setCsrfToken(r.csrf_token);
    queryClient.setQueryData<PasswordPolicy | null>(PASSWORD_POLICY_KEY, r.password_policy ?? null);
    return r.user;
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

/** The signed-in user (from `/auth/me`), sign-in and sign-out; a 401 anywhere brings back the login page. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<AuthNotice>(null);
  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: () => fetchMe(queryClient),
    staleTime: Infinity,
    retry: 1,
  });

  useEffect(() => {
    setUnauthenticatedHandler((error) => {
      setCsrfToken(null);
      const hadUser = queryClient.getQueryData<Me | null>(ME_KEY);
      forgetData(queryClient);
      queryClient.setQueryData(ME_KEY, null);
      if (hadUser || error.code === 'SESSION_EXPIRED') setNotice('expired');
    });
    setPasswordChangeHandler(() => {
      queryClient.setQueryData<Me | null>(ME_KEY, (u) => (u ? { ...u, must_change_password: true } : u));
    });
    return () => {
      setUnauthenticatedHandler(null);
      setPasswordChangeHandler(null);
    };
  }, [queryClient]);

  const login = useCallback(
    async (username: string, password: string) => {
      const r = await api.post<LoginResponse>(
        '/api/v1/auth/login',
        { username, password },
        { quiet401: true },
      );
      setCsrfToken(r.csrf_token);
      forgetData(queryClient);
      queryClient.setQueryData(ME_KEY, r.user);
      setNotice(null);
      return r.user;
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout', undefined, { quiet401: true });
    } catch {
      // the session is gone either way
    }
    setCsrfToken(null);
    forgetData(queryClient);
    queryClient.setQueryData(ME_KEY, null);
    setNotice('loggedOut');
  }, [queryClient]);

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
  }, [queryClient]);

  const value = useMemo<AuthContextValue>(
    () => ({ user: me.data ?? null, loading: me.isPending, notice, login, logout, refresh }),
    [me.data, me.isPending, notice, login, logout, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user; only inside routes guarded by `RequireAuth`. */
export function useMe(): Me {
  const { user } = useAuth();
  if (!user) throw new Error('useMe without a signed-in user');
  return user;
}
