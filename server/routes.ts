import type { FastifyInstance } from 'fastify';
import { assessmentsRoutes } from './modules/assessments/assessments.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { bulletinsRoutes } from './modules/bulletins/bulletins.routes.ts';
import { cockpitRoutes } from './modules/cockpit/cockpit.routes.ts';
import { capitalRoutes } from './modules/capital/capital.routes.ts';
import { reportsRoutes } from './modules/reports/reports.routes.ts';
import { targetsRoutes } from './modules/targets/targets.routes.ts';
import { verificationRoutes } from './modules/verification/verification.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { interviewsRoutes } from './modules/interviews/interviews.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { referenceRoutes } from './modules/reference/reference.routes.ts';
import { unitsRoutes } from './modules/units/units.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { attachmentsRoutes } from './modules/attachments/attachments.routes.ts';
import { doublecountRoutes } from './modules/doublecount/doublecount.routes.ts';
import { enterprisesRoutes } from './modules/enterprises/enterprises.routes.ts';
import { jobsRoutes } from './modules/jobs/jobs.routes.ts';
import { projectsRoutes } from './modules/projects/projects.routes.ts';

/** Every module's routes, one line each. */
export const MODULE_ROUTES: Array<(app: FastifyInstance) => Promise<void>> = [
  healthRoutes,
  authRoutes,
  referenceRoutes,
  unitsRoutes,
  usersRoutes,
  auditRoutes,
  jobsRoutes,
  attachmentsRoutes,
  enterprisesRoutes,
  projectsRoutes,
  doublecountRoutes,
  capitalRoutes,
  reportsRoutes,
  targetsRoutes,
  bulletinsRoutes,
  verificationRoutes,
  notificationsRoutes,
  assessmentsRoutes,
  interviewsRoutes,
  cockpitRoutes,
];
