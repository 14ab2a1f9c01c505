import type { Role } from '../../../../shared/enums.ts';
import type { Me } from '../../../api/types.ts';
import type { ProjectDto } from '../types.ts';

export const PROJECT_WRITERS: readonly Role[] = ['admin', 'office', 'department', 'district'];

export function mayWriteProjects(me: Me): boolean {
  return PROJECT_WRITERS.includes(me.role);
}

/**
 * Whether the user may change this project, as the server decides it (projects.service `canWriteProject`):
 * office and admin everywhere; a district in its region subtree (the only projects it sees); a department
 * where it is the responsible unit. The server checks again.
 */
export function mayWriteProject(me: Me, p: Pick<ProjectDto, 'responsible_unit_id'>): boolean {
  switch (me.role) {
    case 'admin':
    case 'office':
    case 'district':
      return true;
    case 'department':
      return !!me.unit_id && p.responsible_unit_id === me.unit_id;
    default:
      return false;
  }
}
