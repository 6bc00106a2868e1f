/**
 * SFX-RDS-TLS — PostgreSQL accepts TLS connections only.
 *
 * PASSES  a PostgreSQL DB instance whose parameter group (in the template) sets
 *         `rds.force_ssl` to 1, or leaves it at the default of a PostgreSQL 15+ family
 *         (where RDS defaults it to 1); a PostgreSQL 15+ instance on the default parameter
 *         group (a read replica without EngineVersion takes its in-template source's version;
 *         no EngineVersion at all means RDS's default version, 15 or later);
 *         an Aurora PostgreSQL cluster whose cluster parameter group sets rds.force_ssl 1.
 *         Aurora instances are judged through their cluster. Other engines are not judged.
 * FAILS   rds.force_ssl 0 or unprovable; a parameter group whose Parameters is not a literal map
 *         (Fn::If, parameter); an instance on the default group of PostgreSQL 14 or
 *         older, or of a version that is not a literal, or a read replica of a source outside
 *         the template, or a database restored or cloned from a snapshot, backup or another
 *         cluster (it runs the source's version); a parameter group outside the template (its
 *         settings cannot be read); an Aurora PostgreSQL cluster without a cluster parameter
 *         group setting rds.force_ssl 1; an engine that cannot be proven (fail closed).
 */
import {
  RESTORED_CLUSTER_SOURCES,
  RESTORED_INSTANCE_SOURCES,
  auroraWithoutClusterViolation,
  databaseEngines,
  instanceDefining,
  isAuroraClusterMember,
  isAuroraInstanceWithoutCluster,
  isJudgedThroughCluster,
  unknownEngineReason,
} from './core/rds';
import { judge, notLiteral } from './core/checks';
import { ComplianceRule, Violation, fail } from './core/rule';
import { TemplateResource, TemplateView } from './core/template';
import { intrinsicName, isPlainObject } from './core/intrinsics';
import { literalString, possibleValues } from './core/values';

const FORCE_SSL = 'rds.force_ssl';
const isOn = (value: unknown) => String(value) === '1' || String(value).toLowerCase() === 'true';

export const RdsTls: ComplianceRule = {
  id: 'SFX-RDS-TLS',
  title: 'PostgreSQL databases reject connections without TLS',
  severity: 'high',
  mandated: false,
  rationale:
    'Database credentials and catalogue rows cross the VPC between tasks and the database; unless the ' +
    'server forces TLS, a misconfigured client silently falls back to plain text.',
  remediation:
    "Give the database a parameter group with { 'rds.force_ssl': '1' } (Aurora: a cluster parameter group), " +
    'and connect with sslmode=verify-full using the RDS CA bundle.',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  frameworks: [
    { framework: 'NIST 800-53 r5', control: 'SC-8(1)' },
    { framework: 'PCI DSS 4.0', control: '4.2.1' },
    { framework: 'ISO 27001:2022', control: 'A.8.24' },
  ],
  runtime: {
    configRules: [],
    limits:
      'No AWS Config managed rule reads DB (cluster) parameter group values such as ' +
      'rds.force_ssl; only the synth-time gate and sfx-check judge it (a custom Config rule ' +
      'calling DescribeDBParameters would be needed).',
  },
  checkResource(resource, template): Violation[] {
    // A read replica runs its source's engine; an Aurora member without Engine (absent) is judged through its cluster.
    const engines = databaseEngines(resource, template);
    if (!engines.some((e) => e.includes('postgres') || e === 'unknown')) return [];
    if (engines.includes('unknown')) {
      const reason = unknownEngineReason(resource);
      return [fail(`${reason}, so whether PostgreSQL TLS must be forced cannot be proven`, fixForUnknownEngine(resource))];
    }
    if (resource.type === 'AWS::RDS::DBInstance') {
      if (isAuroraInstanceWithoutCluster(resource, template))
        return [auroraWithoutClusterViolation('its TLS setting (rds.force_ssl of the cluster parameter group)')];
      if (isJudgedThroughCluster(resource, template)) return [];
      if (isAuroraClusterMember(resource, template)) {
        return [
          fail(
            `the Aurora DB instance belongs to a DB cluster outside this template, whose ${FORCE_SSL} cannot be read`,
            'define the DB cluster and its cluster parameter group in the same template',
          ),
        ];
      }
      return instanceViolations(resource, template);
    }
    // A DB cluster takes rds.force_ssl from its cluster parameter group; without one, only a Multi-AZ DB
    // cluster (engine postgres) of version 15+ forces TLS (defaultsToTls is false for Aurora).
    return groupViolations(resource, 'DBClusterParameterGroupName', 'AWS::RDS::DBClusterParameterGroup', template, defaultsToTls(resource, template));
  },
};

/** The fix for the case unknownEngineReason names, decided on the same facts rather than on its wording. */
function fixForUnknownEngine(resource: TemplateResource): string {
  if (resource.properties.Engine !== undefined) return 'set Engine to a literal';
  if (resource.properties.SourceDBInstanceIdentifier !== undefined) {
    return 'create the source DB instance in the same template, or set Engine and a DB parameter group with rds.force_ssl 1 on the replica';
  }
  return "set Engine to the snapshot's engine and, for PostgreSQL, a DB parameter group with rds.force_ssl 1";
}

function instanceViolations(db: TemplateResource, template: TemplateView): Violation[] {
  return groupViolations(db, 'DBParameterGroupName', 'AWS::RDS::DBParameterGroup', template, defaultsToTls(db, template));
}

/**
 * Judges the parameter group named by `property`. `defaultIsOn` says whether rds.force_ssl
 * is 1 by default for this engine version (PostgreSQL 15 and later).
 */
function groupViolations(db: TemplateResource, property: string, groupType: string, template: TemplateView, defaultIsOn: boolean): Violation[] {
  const reference = db.properties[property];
  if (reference === undefined) {
    return defaultIsOn
      ? []
      : [
          fail(
            `${property} is absent: the default parameter group of this engine version does not force ` +
              `TLS (rds.force_ssl defaults to 1 only from PostgreSQL 15)`,
          ),
        ];
  }
  const group = template.referencedResource(reference);
  if (!group) {
    const name = String(literalString(reference, template));
    const postgresDefault = /^default\.postgres(\d+)$/.exec(name);
    if (postgresDefault && Number(postgresDefault[1]) >= 15) return [];
    if (/^default\.aurora-postgresql/.test(name)) {
      return [
        fail(
          `${property} is the default group ${name}, which leaves ${FORCE_SSL} at 0 (Aurora PostgreSQL does not force TLS by default)`,
          `give the cluster its own cluster parameter group with ${FORCE_SSL}: '1' (DatabaseCluster parameters: { '${FORCE_SSL}': '1' })`,
        ),
      ];
    }
    return [
      fail(
        `${property} names a parameter group outside this template, whose ${FORCE_SSL} cannot be read`,
        `create the parameter group in the same stack with ${FORCE_SSL}: '1'`,
      ),
    ];
  }
  if (group.type !== groupType) return [fail(`${property} refers to a ${group.type}, not a ${groupType}`)];
  const { Parameters: declared } = group.properties;
  if (declared !== undefined && (!isPlainObject(declared) || intrinsicName(declared) !== undefined)) {
    return [
      fail(
        notLiteral(`Parameters of parameter group ${group.logicalId}`, 'not a literal map of parameter names to values'),
        `write Parameters as a literal map with ${FORCE_SSL}: '1'`,
      ),
    ];
  }
  const parameters = declared ?? {};
  if (parameters[FORCE_SSL] === undefined) {
    return familyDefaultsToTls(group, group.home)
      ? []
      : [fail(`parameter group ${group.logicalId} does not set ${FORCE_SSL}, and its family does not default it to 1`)];
  }
  const violation = judge(
    possibleValues(parameters[FORCE_SSL], group.home),
    `${FORCE_SSL} in parameter group ${group.logicalId}`,
    isOn,
    "'1'",
    'default',
  );
  return violation ? [violation] : [];
}

/**
 * RDS for PostgreSQL 15+ defaults rds.force_ssl to 1 (Aurora does not: it needs an explicit setting).
 * EngineVersion absent (on the instance and any in-template source) is CloudFormation's default:
 * RDS's current default PostgreSQL version, 15 or later since 2023 (a default only moves forward).
 */
function defaultsToTls(db: TemplateResource, template: TemplateView): boolean {
  if (!databaseEngines(db, template).every((e) => e === 'postgres')) return false;
  // Restored or cloned: it runs its source's version (and, without a group, its source's settings).
  if ([...RESTORED_INSTANCE_SOURCES, ...RESTORED_CLUSTER_SOURCES].some((name) => db.properties[name] !== undefined)) return false;
  const defining = instanceDefining(db, 'EngineVersion', template);
  if (defining === undefined) return false; // a replica of a source outside the template
  if (defining.properties.EngineVersion === undefined) return true;
  const version = literalString(defining.properties.EngineVersion, template);
  return version !== undefined && Number(version.split('.')[0]) >= 15;
}

function familyDefaultsToTls(group: TemplateResource, template: TemplateView): boolean {
  const match = /^postgres(\d+)$/.exec(String(literalString(group.properties.Family, template)));
  return match !== null && Number(match[1]) >= 15;
}
