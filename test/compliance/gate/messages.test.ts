/** Messages that say what is true (issue 11, point 8). */
import * as iam from 'aws-cdk-lib/aws-iam';
import { euStack, expectViolation, lambdaRole, linesFor, rawResource, synthGate } from '../helpers';

describe('a literal resource that is not an ARN', () => {
  const err = synthGate((app) => {
    lambdaRole(euStack(app, 'S')).addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['foo'] }));
  });

  test('is told it is not an ARN, not that it is built at deploy time', () => {
    const [line] = expectViolation(err, 'SFX-IAM-LEAST-PRIVILEGE', 'S/Role/DefaultPolicy/Resource', 'Resource "foo" is not an ARN');
    expect(line).not.toContain('deploy time');
  });
});

describe('an Aurora-engine DB instance without a cluster', () => {
  const err = synthGate((app) => {
    rawResource(euStack(app, 'S'), 'Db', 'AWS::RDS::DBInstance', { Engine: 'aurora-postgresql', DBInstanceClass: 'db.r6g.large' });
  });

  test.each(['SFX-RDS-AT-REST', 'SFX-MULTI-AZ'])('%s names the missing cluster, not StorageEncrypted or MultiAZ', (rule) => {
    const lines = expectViolation(err, rule, 'S/Db', 'names no DBClusterIdentifier');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/StorageEncrypted is|MultiAZ is/);
  });

  test('SFX-RDS-TLS names the missing cluster too', () => {
    expectViolation(err, 'SFX-RDS-TLS', 'S/Db', 'names no DBClusterIdentifier');
    expect(linesFor(err, 'SFX-RDS-TLS', 'S/Db')).toHaveLength(1);
  });
});

describe('a read replica without Engine whose source is outside the template', () => {
  const err = synthGate((app) => {
    rawResource(euStack(app, 'S'), 'Replica', 'AWS::RDS::DBInstance', {
      SourceDBInstanceIdentifier: 'arn:aws:rds:eu-west-1:123456789012:db:legacy',
      DBInstanceClass: 'db.r6g.large',
      MultiAZ: true,
    });
  });

  test('is told it takes its engine from a source outside the template, not that Engine "is not a literal"', () => {
    const [line] = expectViolation(err, 'SFX-RDS-TLS', 'S/Replica', "the read replica sets no Engine and takes its source's");
    expect(line).not.toContain('is not a literal');
  });
});
