import { CfnCondition, CfnParameter, Fn, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as include from 'aws-cdk-lib/cloudformation-include';
import * as path from 'path';
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
} from './helpers';

const ID = 'SFX-RDS-AT-REST';
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

describe('SFX-RDS-AT-REST', () => {
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
      expectViolation(err, ID, 'S/Db/Resource', 'StorageEncrypted is false');
    });

    test('DatabaseInstance without storageEncrypted fails (CloudFormation default false)', () => {
      const err = synthGate((app) => {
        compliantDatabase(euStack(app, 'S'), 'Db', { storageEncrypted: undefined });
      });
      expectViolation(err, ID, 'S/Db/Resource', 'StorageEncrypted is absent');
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
      expectViolation(err, ID, 'S/Aurora/Resource', 'StorageEncrypted is false');
      expect(err!.violations.filter((v) => v.ruleId === ID).map((v) => v.path)).toEqual(['S/Aurora/Resource']);
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
      expectViolation(err, ID, 'S/Db/Resource');
      expectViolation(err, ID, 'S/Replica/Resource');
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
      expectViolation(err, ID, 'S/Restored/Resource', 'inherit');
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
      expectViolation(err, ID, 'S/Off', 'is false');
      expectViolation(err, ID, 'S/Missing', 'absent');
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
      expectViolation(err, ID, 'S/Cluster', 'StorageEncrypted is absent');
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
      expectViolation(err, ID, 'S/RawDb', '"false"');
      expectViolation(err, ID, 'S/RawCluster', 'absent');
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
      expectViolation(err, ID, 'S/Db/Resource', 'absent');
    });

    test("addOverride('Properties.StorageEncrypted', false) on an L1 fails", () => {
      const err = synthGate((app) => {
        compliantCfnDb(euStack(app, 'S')).addOverride('Properties.StorageEncrypted', false);
      });
      expectViolation(err, ID, 'S/Db', 'is false');
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
      expectViolation(err, ID, 'S/Db', 'the value must be a literal');
    });

    test("AllowedValues ['true'] passes, ['true', 'false'] fails", () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const only = new CfnParameter(stack, 'Only', { type: 'String', allowedValues: ['true'] });
        const both = new CfnParameter(stack, 'Both', { type: 'String', allowedValues: ['true', 'false'] });
        compliantCfnDb(stack, 'Good', { storageEncrypted: asBool(only.valueAsString) });
        compliantCfnDb(stack, 'Bad', { storageEncrypted: asBool(both.valueAsString) });
      });
      expectViolation(err, ID, 'S/Bad', 'parameter Both');
      expect(err!.violations.map((v) => v.path)).toEqual(['S/Bad']);
    });

    test('Fn.conditionIf with a false branch and Fn.importValue fail', () => {
      const err = synthGate((app) => {
        const stack = euStack(app, 'S');
        const cond = new CfnCondition(stack, 'Prod', { expression: Fn.conditionEquals(stack.account, '123456789012') });
        compliantCfnDb(stack, 'If', { storageEncrypted: asBool(Fn.conditionIf(cond.logicalId, true, false).toString()) });
        compliantCfnDb(stack, 'Import', { storageEncrypted: asBool(Fn.importValue('Encrypt')) });
      });
      expectViolation(err, ID, 'S/If', 'Fn::If');
      expectViolation(err, ID, 'S/Import', 'must be a literal');
    });
  });

  describe('wherever the resource is defined', () => {
    test('NestedStack', () => {
      const err = synthGate((app) => {
        compliantCfnDb(new NestedStack(euStack(app, 'S'), 'Nested') as unknown as Stack, 'Db', { storageEncrypted: false });
      });
      expectViolation(err, ID, 'S/Nested/Db');
    });

    test('Stage with env eu-west-1', () => {
      const err = synthGate((app) => {
        const stage = new Stage(app, 'Prod', { env: { region: 'eu-west-1' } });
        compliantDatabase(new Stack(stage, 'Data'), 'Db', { storageEncrypted: false });
      });
      expectViolation(err, ID, 'Prod/Data/Db/Resource');
    });

    test('CfnInclude: Stack/Include/<LogicalId>', () => {
      const err = synthGate((app) => {
        new include.CfnInclude(euStack(app, 'S'), 'Include', { templateFile: path.join(__dirname, 'fixtures', 'legacy-database.json') });
      });
      expectViolation(err, ID, 'S/Include/LegacyDb', 'StorageEncrypted is false');
    });
  });

  test('other engines and DB types are not judged by this rule when encrypted', () => {
    const err = synthGate((app) => {
      compliantCfnDb(euStack(app, 'S'), 'Db', { engine: 'mysql', engineVersion: '8.0.36' });
    });
    expectNoViolationOf(err, ID);
  });
});
