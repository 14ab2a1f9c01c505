import type { EnterpriseDto } from '../../../shared/schemas/enterprises.ts';
import type { ProjectDto } from '../../../shared/schemas/projects.ts';

export type { Contact, EnterpriseDto, EnterpriseTagValue } from '../../../shared/schemas/enterprises.ts';

/** `GET /api/v1/enterprises/:id`: the enterprise with its projects the caller may see. */
export type EnterpriseDetail = EnterpriseDto & { projects: ProjectDto[] };
