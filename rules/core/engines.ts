/** Engine facts shared by the cache and database rules. */
import { TemplateResource, TemplateView } from './template';
import { possibleValues } from './values';

/**
 * The cache engine(s) a resource may run, lower-cased. A replication group without
 * `Engine` runs Redis (CloudFormation's default); an engine that cannot be proven is
 * `unknown` and treated as Redis by the rules (fail closed).
 */
export function cacheEngines(resource: TemplateResource, template: TemplateView): string[] {
  const possible = possibleValues(resource.properties.Engine, template);
  if (possible.kind !== 'known') return ['unknown'];
  return possible.values.map((value) => (value === undefined ? 'redis' : String(value).toLowerCase()));
}

/** Redis and Valkey share the same encryption and replication model. */
export function mayRunRedis(resource: TemplateResource, template: TemplateView): boolean {
  return cacheEngines(resource, template).some((engine) => engine !== 'memcached');
}

/** The database engine(s) a DB instance or cluster may run, lower-cased; `unknown` if unprovable. */
export function databaseEngines(resource: TemplateResource, template: TemplateView): string[] {
  const possible = possibleValues(resource.properties.Engine, template);
  if (possible.kind !== 'known') return ['unknown'];
  return possible.values.map((value) => (value === undefined ? 'absent' : String(value).toLowerCase()));
}

/**
 * An Aurora DB instance belongs to a cluster and is judged through it: storage encryption
 * and availability are cluster properties in Aurora.
 */
export function isAuroraClusterMember(resource: TemplateResource, template: TemplateView): boolean {
  if (resource.type !== 'AWS::RDS::DBInstance') return false;
  if (resource.properties.DBClusterIdentifier === undefined) return false;
  return databaseEngines(resource, template).every((engine) => engine.startsWith('aurora'));
}
