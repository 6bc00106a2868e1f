// Every rule, whatever way the misconfiguration is delivered: raw CfnResource, CfnInclude, a nested
// stack, a Stage, an escape hatch that weakens a compliant resource, and one that fixes a bad one.
// Each row is a raw CloudFormation resource that violates exactly the rule named (plus, possibly,
// others), and the one property change that makes it comply with that rule.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnResource, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as cfninc from 'aws-cdk-lib/cloudformation-include';
import { euStack, expectNoViolationOf, expectViolation, synthGate } from './helpers';
import {
  DataNotPublic,
  IamLeastPrivilege,
  MultiAz,
  RdsAtRest,
  RdsTls,
  RedisAtRest,
  RedisInTransit,
  Region,
  SecretsManager,
  TemplateVisible,
} from '../../rules';

interface Row {
  readonly ruleId: string;
  readonly type: string;
  /** Properties that violate `ruleId`. */
  readonly bad: Record<string, unknown>;
  /** The override (property path → value) that makes the same resource comply with `ruleId`. */
  readonly fix: [string, unknown];
}

const REDIS = {
  ReplicationGroupDescription: 'cache',
  Engine: 'redis',
  NumCacheClusters: 2,
  MultiAZEnabled: true,
  AutomaticFailoverEnabled: true,
  AtRestEncryptionEnabled: true,
  TransitEncryptionEnabled: true,
};
const POSTGRES = {
  Engine: 'postgres',
  EngineVersion: '16.4',
  DBInstanceClass: 'db.t4g.medium',
  AllocatedStorage: '20',
  StorageEncrypted: true,
  MultiAZ: true,
  PubliclyAccessible: false,
  DBSubnetGroupName: 'isolated',
  ManageMasterUserPassword: true,
  MasterUsername: 'admin',
};

const ROWS: readonly Row[] = [
  {
    ruleId: RedisAtRest.id,
    type: 'AWS::ElastiCache::ReplicationGroup',
    bad: { ...REDIS, AtRestEncryptionEnabled: false },
    fix: ['AtRestEncryptionEnabled', true],
  },
  {
    ruleId: RedisInTransit.id,
    type: 'AWS::ElastiCache::ReplicationGroup',
    bad: { ...REDIS, TransitEncryptionMode: 'preferred' },
    fix: ['TransitEncryptionMode', 'required'],
  },
  { ruleId: RdsAtRest.id, type: 'AWS::RDS::DBInstance', bad: { ...POSTGRES, StorageEncrypted: false }, fix: ['StorageEncrypted', true] },
  { ruleId: MultiAz.id, type: 'AWS::RDS::DBInstance', bad: { ...POSTGRES, MultiAZ: false }, fix: ['MultiAZ', true] },
  {
    ruleId: Region.id,
    type: 'AWS::EC2::Subnet',
    bad: { VpcId: 'vpc-12345678', CidrBlock: '10.0.0.0/24', AvailabilityZone: 'us-east-1a' },
    fix: ['AvailabilityZone', 'eu-west-1a'],
  },
  {
    ruleId: IamLeastPrivilege.id,
    type: 'AWS::IAM::ManagedPolicy',
    bad: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } },
    fix: ['PolicyDocument.Statement.0.Action', 'ecr:GetAuthorizationToken'],
  },
  {
    ruleId: SecretsManager.id,
    type: 'AWS::RDS::DBInstance',
    bad: { ...POSTGRES, ManageMasterUserPassword: undefined, MasterUserPassword: 'hunter2-hunter2' },
    fix: ['MasterUserPassword', '{{resolve:secretsmanager:db:SecretString:password::}}'],
  },
  { ruleId: RdsTls.id, type: 'AWS::RDS::DBInstance', bad: { ...POSTGRES, EngineVersion: '14.12' }, fix: ['EngineVersion', '16.4'] },
  { ruleId: DataNotPublic.id, type: 'AWS::RDS::DBInstance', bad: { ...POSTGRES, PubliclyAccessible: true }, fix: ['PubliclyAccessible', false] },
  {
    ruleId: TemplateVisible.id,
    type: 'AWS::CloudFormation::Stack',
    bad: { TemplateURL: 'https://s3.eu-west-1.amazonaws.com/bucket/legacy.json' },
    fix: ['TemplateURL', undefined],
  },
];

/** The value at a dotted path (array indexes as numbers). */
const valueAt = (object: unknown, dotted: string): unknown =>
  dotted.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], object);

/** A deep copy of `object` with the value at a dotted path replaced. */
function withValue(object: Record<string, unknown>, dotted: string, value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(object)) as Record<string, unknown>;
  const keys = dotted.split('.');
  const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, copy);
  parent[keys[keys.length - 1]] = value;
  return copy;
}

const raw = (scope: import('constructs').Construct, row: Row) => new CfnResource(scope, 'Thing', { type: row.type, properties: row.bad });

describe.each(ROWS.map((row) => [row.ruleId, row] as const))('%s', (ruleId, row) => {
  test('raw CfnResource fails with the rule id and the construct path', () => {
    expectViolation(
      synthGate((app) => {
        raw(euStack(app, 'S'), row);
      }),
      ruleId,
      'S/Thing',
    );
  });

  test('a template brought in with CfnInclude fails', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-matrix-')), 'template.json');
    fs.writeFileSync(file, JSON.stringify({ Resources: { Legacy: { Type: row.type, Properties: row.bad } } }));
    expectViolation(
      synthGate((app) => {
        new cfninc.CfnInclude(euStack(app, 'S'), 'Include', { templateFile: file });
      }),
      ruleId,
      'S/Include/Legacy',
    );
  });

  test('inside a nested stack it fails', () => {
    expectViolation(
      synthGate((app) => {
        raw(new NestedStack(euStack(app, 'S'), 'Inner'), row);
      }),
      ruleId,
      'S/Inner/Thing',
    );
  });

  test('inside a Stage it fails', () => {
    expectViolation(
      synthGate((app) => {
        raw(new Stack(new Stage(app, 'Prod', { env: { region: 'eu-west-1' } }), 'S'), row);
      }),
      ruleId,
      'Prod/S/Thing',
    );
  });

  if (row.fix[1] !== undefined) {
    test('an escape hatch that weakens a compliant resource fails', () => {
      const [property, goodValue] = row.fix;
      const compliant = withValue(row.bad, property, goodValue);
      const err = synthGate((app) => {
        new CfnResource(euStack(app, 'S'), 'Thing', { type: row.type, properties: compliant }).addPropertyOverride(
          property,
          valueAt(row.bad, property),
        );
      });
      expectViolation(err, ruleId, 'S/Thing');
    });

    test('an escape hatch that fixes the violating resource passes for this rule', () => {
      const err = synthGate((app) => {
        raw(euStack(app, 'S'), row).addPropertyOverride(row.fix[0], row.fix[1]);
      });
      expectNoViolationOf(err, ruleId);
    });
  } else {
    test('deleting the offending property with an escape hatch passes for this rule', () => {
      const err = synthGate((app) => {
        raw(euStack(app, 'S'), row).addOverride('Type', 'AWS::SQS::Queue');
      });
      expectNoViolationOf(err, ruleId);
    });
  }
});
