import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** How long every log group of the blueprint keeps its events. */
export const LOG_RETENTION = logs.RetentionDays.THREE_MONTHS;

/**
 * A customer-managed KMS key that CloudWatch Logs may use for the log groups of this account and region.
 *
 * CloudWatch Logs encrypts with the key itself, so the key policy (not an IAM role) must let the regional
 * logs service principal use it; the encryption-context condition keeps other services from borrowing it.
 */
export function createLogEncryptionKey(scope: Construct, id: string, description: string): kms.Key {
  const stack = Stack.of(scope);
  const key = new kms.Key(scope, id, {
    description,
    enableKeyRotation: true,
    rotationPeriod: Duration.days(365),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsOfThisAccountAndRegion',
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: [
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
        'kms:GenerateDataKey',
        'kms:GenerateDataKeyWithoutPlaintext',
        'kms:DescribeKey',
      ],
      resources: ['*'], // in a key policy, '*' means "this key"
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
            service: 'logs',
            resource: 'log-group',
            resourceName: '*',
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
      },
    }),
  );
  return key;
}

/** A CloudWatch log group encrypted with the given key and with the blueprint's retention. */
export function createEncryptedLogGroup(scope: Construct, id: string, encryptionKey: kms.IKey): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    encryptionKey,
    retention: LOG_RETENTION,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
