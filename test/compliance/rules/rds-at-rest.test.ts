/**
 * Tests of rules/rds-at-rest.ts, by behaviour (escape hatches, values decided at deploy time, inherited
 * settings, ordinary CDK that passes). Gate mechanics are in ../gate/, references between stacks
 * in ../cross-stack.test.ts.
 */
import { CfnCondition, CfnParameter, Fn, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as include from 'aws-cdk-lib/cloudformation-include';
import * as path from 'path';
import { MultiAz, RdsAtRest, RdsTls } from '../../../rules';
import {
  compliantCfnDb,
  compliantDatabase,
  compliantDbProps,
  euStack,
  expectNoViolationOf,
  expectNoViolations,
  expectViolation,
  isolatedSubnetGroup,
  isolatedVpc,
  rawResource,
  readReplicaOf,
  synthGate,
} from '../helpers';

const asBool = (token: string) => token as unknown as boolean;

/** A compliant Aurora PostgreSQL cluster (writer + reader, TLS forced by its cluster parameter group). */

function auroraCluster(stack: Stack, id: string, overrides: Partial<rds.DatabaseClusterProps> = {}): rds.DatabaseCluster {
  const engine = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 });
  return new rds.DatabaseCluster(stack, id, {
    engine,
    vpc: isolatedVpc(stack, `${id}Vpc`),
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    writer: rds.ClusterInstance.provisioned('writer', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) }),
    readers: [rds.ClusterInstance.provisioned('reader', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) })],
    credentials: rds.Credentials.fromGeneratedSecret('app'),
    parameterGroup: new rds.ParameterGroup(stack, `${id}Params`, { engine, parameters: { 'rds.force_ssl': '1' } }),
    storageEncrypted: true,
    ...overrides,
  });
}

const SNAPSHOT_ARN = 'arn:aws:rds:eu-west-1:123456789012:snapshot:legacy';

describe(RdsAtRest.id, () => {
  describe('L2', () => {
    test('a compliant DatabaseInstance passes', () => {
      expectNoViolations(
        synthGate((app) => {
          compliantDatabase(euStack(app, 'S'));
        }),
      );
    });

    test('DatabaseInstance with storageEncrypted: false fails at its CfnDBInstance', () => {
      const err = synthGate((app) => {
        compliantDatabase(euStack(app, 'S'), 'Db', { storageEncrypted: false });
      });
      expectViolation(err, RdsAtRest.id, 'S/Db/Resource', 'StorageEncrypted is false');
    });

    test('DatabaseInstance without storageEncrypted fails (CloudFormation default false)', () => {
      const err = synthGate((app) => {
        compliantDatabase(euStack(app, 'S'), 'Db', { storageEncrypted: undefined });
      });
      expectViolation(err, RdsAtRest.id, 'S/Db/Resource', 'StorageEncrypted is absent');
    });

    test('a compliant Aurora DatabaseCluster passes; its instances are judged through the cluster', () => {
      expectNoViolations(
        synthGate((app) => {
          auroraCluster(euStack(app, 'S'), 'Aurora');
        }),
      );
    });

    test('an Aurora DatabaseCluster with storageEncrypted: false fails at the cluster, not at its instances', () => {
      const err = synthGate((app) => {
        auroraCluster(euStack(app, 'S'), 'Aurora', { storageEncrypted: false });
      });
      expectViolation(err, RdsAtRest.id, 'S/Aurora/Resource', 'StorageEncrypted is false');
      expect(err!.violations.filter((v) => v.ruleId === RdsAtRest.id).map((v) => v.path)).toEqual(['S/Aurora/Resource']);
    });

    test('a read replica of an encrypted source in the same stack passes', () => {
      expectNoViolations(
        synthGate((app) => {
          const stack = euStack(app, 'S');
          const source = compliantDatabase(stack, 'Db');
          const parameterGroup = new rds.ParameterGroup(stack, 'ReplicaParams', {
            engine: compliantDbProps(source.vpc).engine,
            parameters: { 'rds.force_ssl': '1' },
          });
          readReplicaOf(stack, source, 'Replica', { publiclyAccessible: false, parameterGroup });
        }),
      );
    });

    test('a read replica of an unencrypted source fails too', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const source = compliantDatabase(stack, 'Db', { storageEncrypted: false });
        readReplicaOf(stack, source);
      });
      expectViolation(err, RdsAtRest.id, 'S/Db/Resource');
      expectViolation(err, RdsAtRest.id, 'S/Replica/Resource');
    });

    test('a snapshot restore without storageEncrypted fails: inherited encryption cannot be proven', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        // DatabaseInstanceFromSnapshot has no storageEncrypted prop: encryption comes from the snapshot.
        const { engine, vpc, vpcSubnets, instanceType, multiAz, publiclyAccessible } = compliantDbProps(isolatedVpc(stack));
        new rds.DatabaseInstanceFromSnapshot(stack, 'Restored', {
          engine,
          vpc,
          vpcSubnets,
          instanceType,
          multiAz,
          publiclyAccessible,
          snapshotIdentifier: 'arn:aws:rds:eu-west-1:123456789012:snapshot:legacy',
          credentials: rds.SnapshotCredentials.fromGeneratedSecret('app'),
        });
      });
      expectViolation(err, RdsAtRest.id, 'S/Restored/Resource', 'inherit');
    });
  });

  describe('L1 and raw', () => {
    test('a compliant CfnDBInstance passes', () => {
      expectNoViolations(
        synthGate((app) => {
          compliantCfnDb(euStack(app, 'S'));
        }),
      );
    });

    test('CfnDBInstance storageEncrypted false / absent fails', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        compliantCfnDb(stack, 'Off', { storageEncrypted: false });
        compliantCfnDb(stack, 'Missing', { storageEncrypted: undefined });
      });
      expectViolation(err, RdsAtRest.id, 'S/Off', 'is false');
      expectViolation(err, RdsAtRest.id, 'S/Missing', 'absent');
    });

    test('CfnDBCluster (Aurora MySQL) without StorageEncrypted fails', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        new rds.CfnDBCluster(stack, 'Cluster', {
          engine: 'aurora-mysql',
          masterUsername: 'app',
          manageMasterUserPassword: true,
          dbSubnetGroupName: isolatedSubnetGroup(stack).ref,
        });
      });
      expectViolation(err, RdsAtRest.id, 'S/Cluster', 'StorageEncrypted is absent');
    });

    test('raw CfnResource AWS::RDS::DBInstance / DBCluster are judged', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        rawResource(stack, 'RawDb', 'AWS::RDS::DBInstance', {
          Engine: 'mysql',
          DBInstanceClass: 'db.t4g.micro',
          StorageEncrypted: 'false',
          MultiAZ: true,
        });
        rawResource(stack, 'RawCluster', 'AWS::RDS::DBCluster', { Engine: 'aurora-mysql' });
      });
      expectViolation(err, RdsAtRest.id, 'S/RawDb', '"false"');
      expectViolation(err, RdsAtRest.id, 'S/RawCluster', 'absent');
    });

    test('string "true" passes', () => {
      const err = synthGate((app) => {
        compliantCfnDb(euStack(app, 'S'), 'Db').addPropertyOverride('StorageEncrypted', 'true');
      });
      expectNoViolations(err);
    });
  });

  describe('escape hatches', () => {
    test('addPropertyDeletionOverride(StorageEncrypted) on an L2 fails', () => {
      const err = synthGate((app) => {
        const db = compliantDatabase(euStack(app, 'S'));
        (db.node.defaultChild as rds.CfnDBInstance).addPropertyDeletionOverride('StorageEncrypted');
      });
      expectViolation(err, RdsAtRest.id, 'S/Db/Resource', 'absent');
    });

    test("addOverride('Properties.StorageEncrypted', false) on an L1 fails", () => {
      const err = synthGate((app) => {
        compliantCfnDb(euStack(app, 'S')).addOverride('Properties.StorageEncrypted', false);
      });
      expectViolation(err, RdsAtRest.id, 'S/Db', 'is false');
    });

    test('an override that FIXES an unencrypted L2 passes', () => {
      expectNoViolations(
        synthGate((app) => {
          const db = compliantDatabase(euStack(app, 'S'), 'Db', { storageEncrypted: false });
          (db.node.defaultChild as rds.CfnDBInstance).addPropertyOverride('StorageEncrypted', true);
        }),
      );
    });
  });

  describe('fail closed', () => {
    test('a CfnParameter without AllowedValues fails and the message says it must be a literal', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const p = new CfnParameter(stack, 'Encrypt', { type: 'String' });
        compliantCfnDb(stack, 'Db', { storageEncrypted: asBool(p.valueAsString) });
      });
      expectViolation(err, RdsAtRest.id, 'S/Db', 'the value must be a literal');
    });

    test("AllowedValues ['true'] passes, ['true', 'false'] fails", () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const only = new CfnParameter(stack, 'Only', { type: 'String', allowedValues: ['true'] });
        const both = new CfnParameter(stack, 'Both', { type: 'String', allowedValues: ['true', 'false'] });
        compliantCfnDb(stack, 'Good', { storageEncrypted: asBool(only.valueAsString) });
        compliantCfnDb(stack, 'Bad', { storageEncrypted: asBool(both.valueAsString) });
      });
      expectViolation(err, RdsAtRest.id, 'S/Bad', 'parameter Both');
      expect(err!.violations.map((v) => v.path)).toEqual(['S/Bad']);
    });

    test('Fn.conditionIf with a false branch and Fn.importValue fail', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const cond = new CfnCondition(stack, 'Prod', { expression: Fn.conditionEquals(stack.account, '123456789012') });
        compliantCfnDb(stack, 'If', { storageEncrypted: asBool(Fn.conditionIf(cond.logicalId, true, false).toString()) });
        compliantCfnDb(stack, 'Import', { storageEncrypted: asBool(Fn.importValue('Encrypt')) });
      });
      expectViolation(err, RdsAtRest.id, 'S/If', 'Fn::If');
      expectViolation(err, RdsAtRest.id, 'S/Import', 'must be a literal');
    });
  });

  describe('wherever the resource is defined', () => {
    test('NestedStack', () => {
      const err = synthGate((app) => {
        compliantCfnDb(new NestedStack(euStack(app, 'S'), 'Nested') as unknown as Stack, 'Db', { storageEncrypted: false });
      });
      expectViolation(err, RdsAtRest.id, 'S/Nested/Db');
    });

    test('Stage with env eu-west-1', () => {
      const err = synthGate((app) => {
        const stage = new Stage(app, 'Prod', { env: { region: 'eu-west-1' } });
        compliantDatabase(new Stack(stage, 'Data'), 'Db', { storageEncrypted: false });
      });
      expectViolation(err, RdsAtRest.id, 'Prod/Data/Db/Resource');
    });

    test('CfnInclude: Stack/Include/<LogicalId>', () => {
      const err = synthGate((app) => {
        new include.CfnInclude(euStack(app, 'S'), 'Include', { templateFile: path.join(__dirname, '..', 'fixtures', 'legacy-database.json') });
      });
      expectViolation(err, RdsAtRest.id, 'S/Include/LegacyDb', 'StorageEncrypted is false');
    });
  });

  test('other engines and DB types are not judged by this rule when encrypted', () => {
    const err = synthGate((app) => {
      compliantCfnDb(euStack(app, 'S'), 'Db', { engine: 'mysql', engineVersion: '8.0.36' });
    });
    expectNoViolationOf(err, RdsAtRest.id);
  });
});

describe('Aurora instance of a cluster outside the template', () => {
  test('cannot be judged through its cluster, so it fails closed', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new rds.CfnDBInstance(stack, 'Reader', {
        engine: 'aurora-postgresql',
        dbClusterIdentifier: 'legacy-cluster',
        dbInstanceClass: 'db.r7g.large',
        publiclyAccessible: false,
        dbSubnetGroupName: isolatedSubnetGroup(stack).ref,
      });
    });
    expectViolation(err, RdsAtRest.id, 'S/Reader', 'DB cluster outside this template');
    expectViolation(err, MultiAz.id, 'S/Reader', 'DB cluster outside this template');
    expectViolation(err, RdsTls.id, 'S/Reader', 'DB cluster outside this template');
  });

  test('an instance of an in-template cluster is still judged through the cluster', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      compliantCfnDb(stack);
      const cluster = new rds.CfnDBCluster(stack, 'Cluster', { engine: 'aurora-postgresql', storageEncrypted: false });
      new rds.CfnDBInstance(stack, 'Writer', {
        engine: 'aurora-postgresql',
        dbClusterIdentifier: cluster.ref,
        dbInstanceClass: 'db.r7g.large',
        publiclyAccessible: false,
      });
    });
    expectViolation(err, RdsAtRest.id, 'S/Cluster', 'StorageEncrypted is false');
    expect(err!.violations.filter((v) => v.path === 'S/Writer' && v.ruleId === RdsAtRest.id)).toEqual([]);
  });
});

describe('encryption inherited from outside the template', () => {
  test('a DB instance replicating a Multi-AZ DB cluster (SourceDBClusterIdentifier) fails closed', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new rds.CfnDBInstance(stack, 'Replica', {
        sourceDbClusterIdentifier: 'arn:aws:rds:eu-west-1:123456789012:cluster:legacy',
        dbInstanceClass: 'db.m7g.large',
        storageEncrypted: true,
        multiAz: true,
        publiclyAccessible: false,
        dbSubnetGroupName: isolatedSubnetGroup(stack).ref,
      });
    });
    expectViolation(err, RdsAtRest.id, 'S/Replica', 'SourceDBClusterIdentifier');
  });

  test('a cross-region replica cluster (ReplicationSourceIdentifier) without KmsKeyId fails', () => {
    const err = synthGate((app) => {
      new rds.CfnDBCluster(euStack(app, 'S'), 'Cluster', {
        engine: 'aurora-mysql',
        storageEncrypted: true,
        replicationSourceIdentifier: 'arn:aws:rds:eu-west-1:123456789012:cluster:src',
      });
    });
    expectViolation(err, RdsAtRest.id, 'S/Cluster', 'KmsKeyId');
  });

  test('a global cluster with StorageEncrypted false fails', () => {
    const err = synthGate((app) => {
      new rds.CfnGlobalCluster(euStack(app, 'S'), 'Global', { engine: 'aurora-postgresql', storageEncrypted: false });
    });
    expectViolation(err, RdsAtRest.id, 'S/Global', 'StorageEncrypted is false');
  });
});

describe('other inherited or narrowed settings', () => {
  test('a DB instance restored from a Multi-AZ DB cluster snapshot inherits its encryption', () => {
    const err = synthGate((app) => {
      compliantCfnDb(euStack(app, 'S'), 'Db', { dbClusterSnapshotIdentifier: 'arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:old' });
    });
    expectViolation(err, RdsAtRest.id, 'S/Db', 'DBClusterSnapshotIdentifier');
  });
});

describe('encryption inherited from a source', () => {
  test.each([
    ['DBSnapshotIdentifier', SNAPSHOT_ARN],
    ['SourceDBInstanceIdentifier', 'arn:aws:rds:eu-west-1:123456789012:db:legacy'],
    ['SourceDbiResourceId', 'db-ABCDEFGHIJKLMNOP'],
    ['SourceDBInstanceAutomatedBackupsArn', 'arn:aws:rds:eu-west-1:123456789012:auto-backup:ab-1'],
  ])('an instance with %s from outside the template fails even with StorageEncrypted: true', (property, value) => {
    const err = synthGate((app) => {
      compliantCfnDb(euStack(app, 'S'), 'Restored').addPropertyOverride(property, value);
    });
    expectViolation(err, RdsAtRest.id, 'S/Restored', 'outside this template');
  });

  test('a replica of a replica of an encrypted in-template instance passes without StorageEncrypted', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const source = compliantCfnDb(stack, 'Source');
      const first = compliantCfnDb(stack, 'First', { storageEncrypted: undefined, sourceDbInstanceIdentifier: source.ref });
      compliantCfnDb(stack, 'Second', { storageEncrypted: undefined, sourceDbInstanceIdentifier: first.ref });
    });
    expectNoViolationOf(err, RdsAtRest.id);
  });

  test('a replica (claiming StorageEncrypted: true) of an unencrypted in-template instance fails', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      const source = compliantCfnDb(stack, 'Source', { storageEncrypted: false });
      compliantCfnDb(stack, 'Replica', { sourceDbInstanceIdentifier: source.ref });
    });
    expectViolation(err, RdsAtRest.id, 'S/Replica', 'inherits its encryption from Source');
  });

  test.each(['SnapshotIdentifier', 'SourceDBClusterIdentifier'])('a cluster restored with %s needs KmsKeyId', (property) => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new rds.CfnDBCluster(stack, 'NoKey', { engine: 'aurora-postgresql', storageEncrypted: true }).addPropertyOverride(property, 'legacy');
      new rds.CfnDBCluster(stack, 'WithKey', {
        engine: 'aurora-postgresql',
        storageEncrypted: true,
        kmsKeyId: new kms.Key(stack, 'Key').keyArn,
      }).addPropertyOverride(property, 'legacy');
    });
    expectViolation(err, RdsAtRest.id, 'S/NoKey', 'KmsKeyId is absent');
    expect(err!.violations.filter((v) => v.ruleId === RdsAtRest.id).map((v) => v.path)).toEqual(['S/NoKey']);
  });

  test('DatabaseClusterFromSnapshot with a storageEncryptionKey passes', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new rds.DatabaseClusterFromSnapshot(stack, 'Restored', {
        engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
        snapshotIdentifier: SNAPSHOT_ARN,
        vpc: isolatedVpc(stack),
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        writer: rds.ClusterInstance.provisioned('writer'),
        readers: [rds.ClusterInstance.provisioned('reader')],
        storageEncryptionKey: new kms.Key(stack, 'Key'),
      });
    });
    expectNoViolationOf(err, RdsAtRest.id);
  });
});

describe('resource types and value shapes', () => {
  test('a Multi-AZ DB cluster (engine postgres) with StorageEncrypted false fails', () => {
    const err = synthGate((app) => {
      const stack = euStack(app, 'S');
      new rds.CfnDBCluster(stack, 'Cluster', {
        engine: 'postgres',
        engineVersion: '16.4',
        storageEncrypted: false,
        dbClusterInstanceClass: 'db.m6gd.large',
        allocatedStorage: 100,
        storageType: 'io1',
        iops: 1000,
        dbSubnetGroupName: isolatedSubnetGroup(stack).ref,
        manageMasterUserPassword: true,
        masterUsername: 'app',
      });
    });
    expectViolation(err, RdsAtRest.id, 'S/Cluster', 'StorageEncrypted is false');
    expectNoViolationOf(err, MultiAz.id);
  });
});
