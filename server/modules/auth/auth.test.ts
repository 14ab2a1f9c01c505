import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ MAGNET_LOGIN_MAX_FAILURES: '3', MAGNET_SESSION_IDLE_MINUTES: '30' });
});
afterAll(() => t?.close());

describe('login', () => {
  it('returns a token, the user and an httpOnly SameSite cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'Admin#Test2026' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^[\w-]{40,}$/);
    expect(body.user).toMatchObject({ username: 'admin', role: 'admin' });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain('magnet_session=');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it('refuses a wrong password with 401 and the error shape of SPEC §4', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'nope' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'BAD_CREDENTIALS', message: expect.any(String) } });
  });

  it('locks the account after repeated failures, even for the right password, and audits it', async () => {
    const { user } = await t.factory.user('office', (await t.factory.unit('office', '120000')).id, 'lockme');
    for (let i = 0; i < 3; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'lockme', password: 'wrong' },
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'lockme', password: TEST_PASSWORD },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    const audit = await t.as(t.adminToken, {
      method: 'GET',
      url: `/api/v1/audit?entity=user&entity_id=${user.id}`,
    });
    const actions = audit.json().items.map((i: { action: string }) => i.action);
    expect(actions).toContain('auth.locked');
    expect(actions.filter((a: string) => a === 'auth.login_failed').length).toBeGreaterThanOrEqual(3);
    // an admin unlocks it
    const unlock = await t.as(t.adminToken, { method: 'POST', url: `/api/v1/users/${user.id}/unlock` });
    expect(unlock.statusCode).toBe(200);
    await expect(t.login('lockme')).resolves.toBeTruthy();
  });

  it('accepts the bearer token and the cookie; logout ends the session', async () => {
    const token = await t.login('admin', 'Admin#Test2026');
    const me = await t.as(token, { method: 'GET', url: '/api/v1/auth/me' });
    expect(me.statusCode).toBe(200);
    const viaCookie = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      cookies: { magnet_session: token },
    });
    expect(viaCookie.statusCode).toBe(200);
    expect(viaCookie.json().csrf_token).toBeTruthy();
    const out = await t.as(token, { method: 'POST', url: '/api/v1/auth/logout' });
    expect(out.statusCode).toBe(200);
    const after = await t.as(token, { method: 'GET', url: '/api/v1/auth/me' });
    expect(after.statusCode).toBe(401);
  });

  it('refuses calls without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/units' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('CSRF on cookie-authenticated writes', () => {
  it('refuses a cross-site write and accepts one with the token or from the same origin', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'Admin#Test2026' },
    });
    const { token, csrf_token } = login.json();
    const payload = { name: `CSRF 测试单位 ${Date.now()}`, kind: 'other', region: '120101' };
    const cross = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      cookies: { magnet_session: token },
      headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      payload,
    });
    expect(cross.statusCode).toBe(403);
    expect(cross.json().error.code).toBe('CSRF');
    const originOnly = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      cookies: { magnet_session: token },
      headers: { origin: 'https://evil.example' },
      payload,
    });
    expect(originOnly.statusCode).toBe(403);
    const withToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      cookies: { magnet_session: token },
      headers: { 'sec-fetch-site': 'cross-site', 'x-csrf-token': csrf_token },
      payload,
    });
    expect(withToken.statusCode).toBe(201);
    const sameOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      cookies: { magnet_session: token },
      headers: { 'sec-fetch-site': 'same-origin' },
      payload: { ...payload, name: `${payload.name}-2` },
    });
    expect(sameOrigin.statusCode).toBe(201);
  });
});

describe('password', () => {
  it('enforces the policy and ends other sessions on change', async () => {
    const unit = await t.factory.unit('office', '120000');
    const { token } = await t.factory.user('office', unit.id, 'pwuser');
    const other = await t.login('pwuser');
    const weak = await t.as(token, {
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { current_password: TEST_PASSWORD, new_password: 'abc' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0].path).toBe('password');
    const ok = await t.as(token, {
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { current_password: TEST_PASSWORD, new_password: 'N3w-Secret#2026' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await t.as(other, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await t.as(token, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
  });

  it('forces a change before anything else after an admin reset', async () => {
    const unit = await t.factory.unit('office', '120000');
    const { user } = await t.factory.user('office', unit.id, 'resetme');
    const reset = await t.as(t.adminToken, {
      method: 'POST',
      url: `/api/v1/users/${user.id}/password`,
      payload: { password: 'Temp#Pass2026' },
    });
    expect(reset.statusCode).toBe(200);
    const token = await t.login('resetme', 'Temp#Pass2026');
    const blocked = await t.as(token, { method: 'GET', url: '/api/v1/units' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await t.as(token, {
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { current_password: 'Temp#Pass2026', new_password: 'Brand#New2026' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await t.as(token, { method: 'GET', url: '/api/v1/units' })).statusCode).toBe(200);
  });
});

describe('session expiry', () => {
  it('ends a session idle for longer than the idle timeout, and one past its absolute expiry', async () => {
    const idle = await t.login('admin', 'Admin#Test2026');
    const absolute = await t.login('admin', 'Admin#Test2026');
    const { hashToken } = await import('./auth.service.ts');
    await t.deps.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('token_hash', '=', hashToken(idle))
      .execute();
    await t.deps.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('token_hash', '=', hashToken(absolute))
      .execute();
    for (const token of [idle, absolute]) {
      const res = await t.as(token, { method: 'GET', url: '/api/v1/auth/me' });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('SESSION_EXPIRED');
    }
    // and they are gone, not merely refused
    const left = await t.deps.db
      .selectFrom('sessions')
      .select('id')
      .where('token_hash', 'in', [hashToken(idle), hashToken(absolute)])
      .execute();
    expect(left).toEqual([]);
  });

  it('sends the security headers and a strict Content-Security-Policy', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });
});
