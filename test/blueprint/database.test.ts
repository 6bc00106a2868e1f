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
  test('are generated into a Secrets Manager secret encrypted with the database CMK', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'password', SecretStringTemplate: '{"username":"streamflix_admin"}' }),
      KmsKeyId: databaseKeyArn,
    });
  });

  test('the master password is a dynamic reference, never a literal', () => {
    expect(JSON.stringify(instance.Properties.MasterUserPassword)).toMatch(/\{\{resolve:secretsmanager:.*:SecretString:password::\}\}/);
  });

  test('are rotated every 30 days by a function in the private subnets', () => {
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      SecretId: ref(logicalId(database.instance.node.findChild('Secret').node.findChild('Attachment'))),
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
    template.hasResourceProperties('AWS::Serverless::Application', {
      Parameters: Match.objectLike({
        vpcSubnetIds: { 'Fn::Join': ['', [ref(logicalId(vpc.privateSubnets[0])), ',', ref(logicalId(vpc.privateSubnets[1])), ',', ref(logicalId(vpc.privateSubnets[2]))]] },
        kmsKeyArn: databaseKeyArn,
      }),
    });
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
