import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../plugins/access.ts';
import { escapeLike } from '../reference/reference.repository.ts';
import { projectScope } from '../projects/projects.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The data scope of attachments, in one place. A file is visible to its uploader, to whoever may read the
 * project it is attached to, and to users whose region scope covers the uploader's region at upload time
 * (a city-wide upload, region null, only to city-wide users). Leaders and enterprises see a file only
 * through a project they may read.
 */
function attachmentScope(actor: Actor): RawBuilder<boolean> {
  const viaProject = sql<boolean>`(a.entity = 'project' and exists (
    select 1 from projects p where p.id = a.entity_id and p.deleted_at is null and ${projectScope(actor)}))`;
  let viaRegion: RawBuilder<boolean> = sql<boolean>`false`;
  if (actor.role !== 'leader' && actor.role !== 'enterprise') {
    const s = actor.regionScope;
    if (s.kind === 'all') viaRegion = sql<boolean>`true`;
    else if (s.kind === 'subtree') viaRegion = sql<boolean>`a.region like ${`${escapeLike(s.prefix)}%`}`;
  }
  return sql<boolean>`(a.created_by = ${actor.id} or ${viaProject} or ${viaRegion})`;
}

const META = [
  'a.id',
  'a.name',
  'a.mime',
  'a.size',
  'a.sha256',
  'a.entity',
  'a.entity_id',
  'a.region',
  'a.created_by',
  'a.created_at',
] as const;

export function visibleAttachments(db: Db, actor: Actor) {
  return db.selectFrom('attachments as a').where(attachmentScope(actor));
}

export function findVisibleAttachment(db: Db, actor: Actor, id: string) {
  return visibleAttachments(db, actor).select(META).where('a.id', '=', id).executeTakeFirst();
}

export function findVisibleAttachmentContent(db: Db, actor: Actor, id: string) {
  return visibleAttachments(db, actor)
    .select([...META, 'a.content'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export function visibleAttachmentsByIds(db: Db, actor: Actor, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return visibleAttachments(db, actor)
    .select(META)
    .where('a.id', 'in', [...ids])
    .execute();
}

export function attachmentsOfEntity(db: Db, actor: Actor, entity: string, entityId: string) {
  return visibleAttachments(db, actor)
    .select(META)
    .where('a.entity', '=', entity)
    .where('a.entity_id', '=', entityId)
    .orderBy('a.created_at')
    .execute();
}

export function insertAttachment(
  trx: Db,
  v: {
    name: string;
    mime: string;
    size: number;
    sha256: string;
    content: Buffer;
    region: string | null;
    entity: string | null;
    entity_id: string | null;
    created_by: string | null;
  },
) {
  return trx
    .insertInto('attachments')
    .values(v)
    .returning(['id', 'name', 'mime', 'size', 'sha256', 'entity', 'entity_id', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** Attaches unattached files to a record (evidence given with a transition). */
export async function attachTo(trx: Db, ids: readonly string[], entity: string, entityId: string) {
  if (!ids.length) return;
  await trx
    .updateTable('attachments')
    .set({ entity, entity_id: entityId })
    .where('id', 'in', [...ids])
    .where('entity', 'is', null)
    .execute();
}
