/** Seeds data through the real API with a bearer token, as an admin script would. */

export interface ApiUnit {
  id: string;
  name: string;
  kind: string;
  region: string;
  version: number;
}

export interface ApiUser {
  id: string;
  username: string;
  role: string;
  unit_id: string | null;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  /** `POST /api/v1/auth/login` → a client carrying the bearer token. */
  static async login(baseUrl: string, username: string, password: string): Promise<ApiClient> {
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await res.json()) as { token?: string };
    if (!res.ok || !body.token)
      throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(body)}`);
    return new ApiClient(baseUrl, body.token);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  createUnit(input: { name: string; kind: string; region: string; parent_id?: string | null }) {
    return this.request<ApiUnit>('POST', '/api/v1/units', input);
  }

  createUser(input: {
    username: string;
    password: string;
    display_name: string;
    role: string;
    unit_id?: string | null;
    must_change_password?: boolean;
  }) {
    return this.request<ApiUser>('POST', '/api/v1/users', input);
  }

  listUnits() {
    return this.request<{ items: ApiUnit[] }>('GET', '/api/v1/units');
  }
}
