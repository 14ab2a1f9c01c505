import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { referenceRoutes } from './modules/reference/reference.routes.ts';
import { unitsRoutes } from './modules/units/units.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';

/** Every module's routes, one line each. */
export const MODULE_ROUTES: Array<(app: FastifyInstance) => Promise<void>> = [
  healthRoutes,
  authRoutes,
  referenceRoutes,
  unitsRoutes,
  usersRoutes,
  auditRoutes,
];
