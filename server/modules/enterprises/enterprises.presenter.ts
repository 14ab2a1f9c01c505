import { countryName } from '../../../shared/countries.ts';
import type { Contact, EnterpriseDto, EnterpriseTagValue } from '../../../shared/schemas/enterprises.ts';
import type { EnterpriseRow } from './enterprises.repository.ts';

export function presentEnterprise(e: EnterpriseRow): EnterpriseDto {
  return {
    id: e.id,
    name: e.name,
    uscc: e.uscc,
    country: e.country,
    country_name: countryName(e.country),
    ownership: e.ownership,
    hq_region: e.hq_region,
    hq_region_name: e.hq_region_name,
    industry: e.industry,
    industry_name: e.industry_name,
    tags: e.tags as EnterpriseTagValue[],
    contacts: e.contacts as Contact[],
    notes: e.notes,
    version: e.version,
    created_at: e.created_at.toISOString(),
    updated_at: e.updated_at.toISOString(),
  };
}
