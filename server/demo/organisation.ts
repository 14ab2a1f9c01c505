import type { Role, UnitKind } from '../../shared/enums.ts';
import type { Deps } from '../context.ts';
import { generatePassword, hashPassword } from '../modules/auth/passwords.ts';
import { SYSTEM_ACTOR } from '../plugins/access.ts';
import { recordAudit } from '../plugins/audit.ts';

export interface DemoOrg {
  root: string;
  /** Regions directly under the root (the 16 districts of 天津市). */
  regions: Array<{ code: string; name: string }>;
  units: Array<{ id: string; name: string; kind: UnitKind; region: string; parentId: string | null }>;
  users: Array<{ id: string; username: string; password: string; role: Role; unitId: string | null }>;
}

const ctx = { actor: SYSTEM_ACTOR, ip: null, requestId: 'demo' };

/** Units and one user per role for the deployment's root region (天津市 by default). */
export async function seedOrganisation(deps: Deps): Promise<DemoOrg> {
  const { db, config } = deps;
  const root = config.MAGNET_ROOT_REGION;
  const rootRow = await db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('code', '=', root)
    .executeTakeFirstOrThrow();
  const regions = await db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('parent', '=', root)
    .orderBy('code')
    .execute();
  const org: DemoOrg = { root, regions, units: [], users: [] };

  const addUnit = async (name: string, kind: UnitKind, region: string, parentId: string | null = null) => {
    const row = await db
      .insertInto('units')
      .values({ name, kind, region, parent_id: parentId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(db, ctx, {
      action: 'unit.create',
      entity: 'unit',
      entityId: row.id,
      after: { name, kind, region },
    });
    const u = { id: row.id, name, kind, region, parentId };
    org.units.push(u);
    return u;
  };

  const city = rootRow.name;
  const office = await addUnit(`${city}合作交流办`, 'office', root);
  await addUnit(`${city}商务局`, 'office', root);
  const dept = await addUnit(`${city}工业和信息化局`, 'department', root);
  await addUnit(`${city}发展改革委`, 'department', root);
  await addUnit(`${city}科技局`, 'department', root);
  const districtUnits = [];
  for (const r of regions) districtUnits.push(await addUnit(`${r.name}人民政府`, 'district', r.code));

  if (root === '120000') {
    const binhai = districtUnits.find((u) => u.region === '120116');
    if (binhai) {
      await addUnit('天津经济技术开发区管委会', 'zone', '120116', binhai.id);
      await addUnit('天津港保税区管委会', 'zone', '120116', binhai.id);
      await addUnit('滨海高新技术产业开发区管委会', 'zone', '120116', binhai.id);
      await addUnit('新港街道办事处', 'street', '120116', binhai.id);
    }
    const wuqing = districtUnits.find((u) => u.region === '120114');
    if (wuqing) await addUnit('京津科技谷产业园管委会', 'zone', '120114', wuqing.id);
    const baodi = districtUnits.find((u) => u.region === '120115');
    if (baodi) await addUnit('宝坻京津中关村科技城管委会', 'zone', '120115', baodi.id);
  } else if (districtUnits[0]) {
    await addUnit(`${regions[0].name}经济开发区管委会`, 'zone', regions[0].code, districtUnits[0].id);
  }
  const liaisonRegion = regions[regions.length - 1]?.code ?? root;
  const liaison = await addUnit(`${city}国资委（定点联系）`, 'liaison', liaisonRegion);

  const people: Array<[string, string, Role, string | null]> = [
    ['office', '合作交流办 王主任', 'office', office.id],
    ['department', '工信局 李处长', 'department', dept.id],
    ['district', `${districtUnits[0]?.name ?? city} 招商科 张科长`, 'district', districtUnits[0]?.id ?? null],
    [
      'district2',
      `${districtUnits[districtUnits.length - 1]?.name ?? city} 招商科 赵科长`,
      'district',
      districtUnits[districtUnits.length - 1]?.id ?? null,
    ],
    ['liaison', '国资委 联络员 陈', 'liaison', liaison.id],
    ['leader', '分管副市长 刘', 'leader', null],
    ['enterprise', '企业用户 示例', 'enterprise', null],
  ];
  for (const [username, display, role, unitId] of people) {
    const password = generatePassword();
    const row = await db
      .insertInto('users')
      .values({
        username,
        display_name: display,
        role,
        unit_id: unitId,
        password_hash: await hashPassword(password),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(db, ctx, {
      action: 'user.create',
      entity: 'user',
      entityId: row.id,
      after: { username, role },
    });
    org.users.push({ id: row.id, username, password, role, unitId });
  }
  return org;
}
