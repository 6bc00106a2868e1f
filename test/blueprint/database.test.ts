import { Match } from 'aws-cdk-lib/assertions';
import { getAtt, ref, synthesizeBlueprint } from './blueprint';

const { stack, template, logicalId } = synthesizeBlueprint();
const { database } = stack.contentApi.data;
const { vpc } = stack.contentApi.network;
const databaseKeyArn = getAtt(logicalId(database.encryptionKey), 'Arn');
const instance = template.toJSON().Resources[logicalId(database.instance)];

describe('RDS PostgreSQL', () => {
  test('PostgreSQL 17, Multi-AZ, not public, gp3, minor upgrades on', () => {
    expect(instance.Properties).toMatchObject({
      Engine: 'postgres',
      EngineVersion: '17.9',
      DBInstanceClass: 'db.t4g.medium',
      MultiAZ: true,
      PubliclyAccessible: false,
      StorageType: 'gp3',
      AutoMinorVersionUpgrade: true,
    });
  });

  test('storage and Performance Insights are encrypted with the database CMK', () => {
    expect(instance.Properties).toMatchObject({
      StorageEncrypted: true,
      KmsKeyId: databaseKeyArn,
      EnablePerformanceInsights: true,
      PerformanceInsightsKMSKeyId: databaseKeyArn,
    });
  });

  test('the database CMK rotates', () => {
    expect(template.toJSON().Resources[logicalId(database.encryptionKey)].Properties.EnableKeyRotation).toBe(true);
  });

  test('lives in the isolated subnets', () => {
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: vpc.isolatedSubnets.map((s) => ref(logicalId(s))),
    });
    expect(instance.Properties.DBSubnetGroupName).toEqual(ref(logicalId(database.instance.node.findChild('SubnetGroup'))));
  });

  test('TLS is forced by the parameter group', () => {
    template.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Family: 'postgres17',
      Parameters: { 'rds.force_ssl': '1' },
    });
    const [parameterGroupId] = Object.keys(template.findResources('AWS::RDS::DBParameterGroup'));
    expect(instance.Properties.DBParameterGroupName).toEqual(ref(parameterGroupId));
  });

  test('deletion protection, 7-day backups and a snapshot on removal', () => {
    expect(instance.Properties).toMatchObject({ DeletionProtection: true, BackupRetentionPeriod: 7 });
    expect(instance.DeletionPolicy).toBe('Snapshot');
    expect(instance.UpdateReplacePolicy).toBe('Snapshot');
  });

  test('exports the postgresql and upgrade logs', () => {
    expect(instance.Properties.EnableCloudwatchLogsExports).toEqual(['postgresql', 'upgrade']);
  });
});

describe('database credentials', () => {
  test('are managed by RDS in Secrets Manager, encrypted with the database CMK: no password in the template, no rotation function', () => {
    expect(instance.Properties).toMatchObject({
      ManageMasterUserPassword: true,
      MasterUsername: 'streamflix_admin',
      MasterUserSecret: { KmsKeyId: databaseKeyArn },
    });
    expect(instance.Properties.MasterUserPassword).toBeUndefined();
    expect(template.toJSON().Transform).toBeUndefined();
    template.resourceCountIs('AWS::Serverless::Application', 0);
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
  });

  test('the tasks read the RDS-managed secret', () => {
    expect(JSON.stringify(template.toJSON())).toContain(`"${logicalId(database.instance)}","MasterUserSecret.SecretArn"`);
  });
});

describe('database resilience beyond automated backups', () => {
  test('enhanced monitoring every 60 seconds', () => {
    expect(instance.Properties.MonitoringInterval).toBe(60);
    expect(instance.Properties.MonitoringRoleArn).toBeDefined();
  });

  test('an AWS Backup plan keeps daily recovery points of the instance for 35 days in a CMK-encrypted vault', () => {
    const vaults = template.findResources('AWS::Backup::BackupVault');
    const [vault] = Object.values(vaults);
    expect(vault.Properties.EncryptionKeyArn).toBeDefined();
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: { BackupPlanRule: [Match.objectLike({ Lifecycle: { DeleteAfterDays: 35 } })] },
    });
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({
        Resources: [Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([ref(logicalId(database.instance))])]) })],
      }),
    });
  });
});
