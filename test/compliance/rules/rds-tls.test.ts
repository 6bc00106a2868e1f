/**
 * Tests of rules/rds-tls.ts, by behaviour (escape hatches, values decided at deploy time, inherited
 * settings, ordinary CDK that passes). Gate mechanics are in ../gate/, references between stacks
 * in ../cross-stack.test.ts.
 */
import { CfnParameter, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { RdsTls } from '../../../rules';
import {
  compliantCfnDb,
  compliantDatabase,
  euStack,
  expectNoViolationOf,
  expectNoViolations,
  expectViolation,
  isolatedVpc,
  POSTGRES_16,
  rawResource,
  readReplicaOf,
  synthGate,
} from '../helpers';

const PG14 = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_14 });

const PG16 = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });

const AURORA_PG = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 });

function aurora(stack: Stack, parameterGroup?: rds.IParameterGroup): rds.DatabaseCluster {
  const instanceType = ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE);
  return new rds.DatabaseCluster(stack, 'Aurora', {
    engine: AURORA_PG,
    vpc: isolatedVpc(stack),
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    writer: rds.ClusterInstance.provisioned('writer', { instanceType }),
    readers: [rds.ClusterInstance.provisioned('reader', { instanceType })],
    credentials: rds.Credentials.fromGeneratedSecret('app'),
    storageEncrypted: true,
    parameterGroup,
  });
}

describe(RdsTls.id, () => {
  test('PostgreSQL 16 on the default parameter group passes (rds.force_ssl defaults to 1)', () => {
    expectNoViolations(
      synthGate((app) => {
        compliantDatabase(euStack(app, 'S'), 'Db', { engine: PG16 });
      }),
    );
  });

  test('PostgreSQL 14 on the default parameter group fails', () => {
    const err = synthGate((app) => {
      compliantDatabase(euStack(app, 'S'), 'Db', { engine: PG14 });
    });
    expectViolation(err, RdsTls.id, 'S/Db/Resource', 'DBParameterGroupName is absent');
  });

  test("PostgreSQL 14 with rds.force_ssl '1' passes", () => {
    expectNoViolations(
      synthGate((app) => {
        compliantDatabase(euStack(app, 'S'), 'Db', { engine: PG14, parameters: { 'rds.force_ssl': '1' } });
      }),
    );
  });

  test("a parameter group with rds.force_ssl '0' fails, even on PostgreSQL 16", () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      compliantDatabase(stack, 'Old', { engine: PG14, parameters: { 'rds.force_ssl': '0' } });
      compliantDatabase(stack, 'New', { engine: PG16, parameters: { 'rds.force_ssl': '0' } });
    });
    expectViolation(err, RdsTls.id, 'S/Old/Resource', 'rds.force_ssl in parameter group');
    expectViolation(err, RdsTls.id, 'S/New/Resource', '"0"');
  });

  test('a PostgreSQL 14 parameter group without rds.force_ssl fails; a 16 family one passes', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      compliantDatabase(stack, 'Old', { engine: PG14, parameters: { log_connections: '1' } });
      compliantDatabase(stack, 'New', { engine: PG16, parameters: { log_connections: '1' } });
    });
    expectViolation(err, RdsTls.id, 'S/Old/Resource', 'does not set rds.force_ssl');
    expect(err!.violations.map((v) => v.path)).toEqual(['S/Old/Resource']);
  });

  test('Aurora PostgreSQL without a cluster parameter group fails at the cluster', () => {
    const err = synthGate((app) => {
      aurora(euStack(app, 'S'));
    });
    // CDK names the engine's default cluster parameter group, which does not force TLS for Aurora.
    expectViolation(
      err,
      RdsTls.id,
      'S/Aurora/Resource',
      'DBClusterParameterGroupName is the default group default.aurora-postgresql16, which leaves rds.force_ssl at 0',
    );
    expect(err!.violations.map((v) => v.path)).toEqual(['S/Aurora/Resource']);
  });

  test("Aurora PostgreSQL with a cluster parameter group rds.force_ssl '1' passes", () => {
    expectNoViolations(
      synthGate((app) => {
        const stack = euStack(app, 'S');
        aurora(stack, new rds.ParameterGroup(stack, 'Params', { engine: AURORA_PG, parameters: { 'rds.force_ssl': '1' } }));
      }),
    );
  });

  test(
    'L1: literal default.postgres14 group fails, default.postgres16 passes; ' +
      'no EngineVersion (RDS default, 15+) passes, a parameter version fails',
    () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        compliantCfnDb(stack, 'Pg14', { engineVersion: '14.12', dbParameterGroupName: 'default.postgres14' });
        compliantCfnDb(stack, 'Pg16', { engineVersion: '16.4', dbParameterGroupName: 'default.postgres16' });
        compliantCfnDb(stack, 'Unpinned', { engineVersion: undefined });
        compliantCfnDb(stack, 'Chosen', { engineVersion: new CfnParameter(stack, 'Version').valueAsString });
      });
      expectViolation(err, RdsTls.id, 'S/Pg14', 'outside this template');
      expectViolation(err, RdsTls.id, 'S/Chosen', 'DBParameterGroupName is absent');
      expect(err!.violations.map((v) => v.path)).toEqual(['S/Pg14', 'S/Chosen']);
    },
  );

  test('raw CfnResource PostgreSQL 13 instance fails; MySQL is not judged', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      rawResource(stack, 'Pg', 'AWS::RDS::DBInstance', { Engine: 'postgres', EngineVersion: '13.15', DBInstanceClass: 'db.t4g.micro' });
      rawResource(stack, 'My', 'AWS::RDS::DBInstance', { Engine: 'mysql', EngineVersion: '8.0.36', DBInstanceClass: 'db.t4g.micro' });
    });
    expectViolation(err, RdsTls.id, 'S/Pg');
    expect(err!.violations.filter((v) => v.ruleId === RdsTls.id).map((v) => v.path)).toEqual(['S/Pg']);
  });

  test('an override setting rds.force_ssl to 0 weakens a compliant group', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const group = new rds.CfnDBParameterGroup(stack, 'Params', { family: 'postgres14', description: 'tls', parameters: { 'rds.force_ssl': '1' } });
      compliantCfnDb(stack, 'Db', { engineVersion: '14.12', dbParameterGroupName: group.ref });
      group.addPropertyOverride('Parameters', { 'rds.force_ssl': '0' });
    });
    expectViolation(err, RdsTls.id, 'S/Db', '"0"');
  });

  test('rds.force_ssl from a parameter without AllowedValues fails closed; AllowedValues [1] passes', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const free = new CfnParameter(stack, 'ForceSsl', { type: 'String' });
      const pinned = new CfnParameter(stack, 'ForceSslPinned', { type: 'String', allowedValues: ['1'] });
      const bad = new rds.CfnDBParameterGroup(stack, 'Free', {
        family: 'postgres14',
        description: 'x',
        parameters: { 'rds.force_ssl': free.valueAsString },
      });
      const good = new rds.CfnDBParameterGroup(stack, 'Pinned', {
        family: 'postgres14',
        description: 'x',
        parameters: { 'rds.force_ssl': pinned.valueAsString },
      });
      compliantCfnDb(stack, 'Bad', { engineVersion: '14.12', dbParameterGroupName: bad.ref });
      compliantCfnDb(stack, 'Good', { engineVersion: '14.12', dbParameterGroupName: good.ref });
    });
    expectViolation(err, RdsTls.id, 'S/Bad', 'must be a literal');
    expect(err!.violations.map((v) => v.path)).toEqual(['S/Bad']);
  });

  test('an Engine that cannot be proven fails closed', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const engine = new CfnParameter(stack, 'Engine', { type: 'String' });
      compliantCfnDb(stack, 'Db', { engine: engine.valueAsString });
    });
    expectViolation(err, RdsTls.id, 'S/Db', 'Engine is not a literal');
  });

  test('a read replica of a PostgreSQL source is judged by its own parameter group', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const source = compliantDatabase(stack, 'Db', { engine: PG16 });
      readReplicaOf(stack, source, 'Replica', {
        parameterGroup: new rds.ParameterGroup(stack, 'ReplicaParams', { engine: PG16, parameters: { 'rds.force_ssl': '0' } }),
      });
    });
    expectViolation(err, RdsTls.id, 'S/Replica/Resource', '"0"');
  });

  test('nested stack and Stage', () => {
    const err = synthGate((app) => {
      compliantCfnDb(new NestedStack(euStack(app, 'S'), 'Nested') as unknown as Stack, 'Db', { engineVersion: '14.12' });
      compliantDatabase(new Stack(new Stage(app, 'Prod', { env: { region: 'eu-west-1' } }), 'Data'), 'Db', { engine: PG14 });
    });
    expectViolation(err, RdsTls.id, 'S/Nested/Db');
    expectViolation(err, RdsTls.id, 'Prod/Data/Db/Resource');
  });
});

test("SFX-RDS-TLS: a PostgreSQL cluster restored from a snapshot runs the snapshot's version, so the default group proves nothing", () => {
  const err = synthGate((app) => {
    new rds.CfnDBCluster(euStack(app, 'S'), 'Restored', {
      engine: 'postgres',
      snapshotIdentifier: 'arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:pg13',
      storageEncrypted: true,
      kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      dbClusterInstanceClass: 'db.m6gd.large',
      allocatedStorage: 100,
      storageType: 'io1',
      iops: 1000,
    });
  });
  expectViolation(err, RdsTls.id, 'S/Restored', 'DBClusterParameterGroupName is absent');
});

describe(RdsTls.id, () => {
  test('a parameter group whose Parameters is an Fn::If fails closed; a literal map passes', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      for (const [id, parameters] of [
        ['Opaque', { 'Fn::If': ['Strict', { 'rds.force_ssl': '1' }, { 'rds.force_ssl': '0' }] }],
        ['Literal', { 'rds.force_ssl': '1' }],
      ] as const) {
        const group = new rds.CfnDBParameterGroup(stack, `${id}Params`, { family: 'postgres14', description: id, parameters: {} });
        group.addPropertyOverride('Parameters', parameters);
        compliantCfnDb(stack, id, { engineVersion: '14.12', dbParameterGroupName: group.ref });
      }
    });
    expectViolation(err, RdsTls.id, 'S/Opaque', 'Parameters of parameter group OpaqueParams is not a literal');
    expect(err!.violations.filter((v) => v.ruleId === RdsTls.id).map((v) => v.path)).toEqual(['S/Opaque']);
  });

  test('a read replica of an in-template PostgreSQL 16 source, on the default parameter group, passes', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const source = compliantDatabase(stack, 'Db', { engine: POSTGRES_16 });
      readReplicaOf(stack, source, 'Replica', { publiclyAccessible: false });
    });
    expectNoViolationOf(err, RdsTls.id);
  });

  test('a read replica of an in-template PostgreSQL 14 source, on the default parameter group, fails', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_14 });
      const source = compliantDatabase(stack, 'Db', {
        engine,
        parameterGroup: new rds.ParameterGroup(stack, 'Params', { engine, parameters: { 'rds.force_ssl': '1' } }),
      });
      readReplicaOf(stack, source);
    });
    expectViolation(err, RdsTls.id, 'S/Replica/Resource', 'DBParameterGroupName is absent');
    expect(err!.violations.filter((v) => v.ruleId === RdsTls.id).map((v) => v.path)).toEqual(['S/Replica/Resource']);
  });
});
