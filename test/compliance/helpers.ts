/**
 * Shared helpers of the compliance-gate tests: build a small app, apply the gate, synthesize,
 * and assert on the exact violation lines (`[SFX-ID] <construct path>: <what>. Fix: <how>`).
 */
import { App, AppProps, CfnResource, SecretValue, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ComplianceViolationError, applyCompliance } from '../../aspects';

export const EU = 'eu-west-1';

/** A fresh App writing its (small) cloud assembly under the OS temp directory. */
export function newApp(props: AppProps = {}): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-gate-')), ...props });
}

/**
 * Builds an app with `build`, applies the gate to the whole app, synthesizes, and returns the
 * gate's error (or `undefined` when synthesis succeeded). Any other error is rethrown.
 */
export function synthGate(build: (app: App) => void): ComplianceViolationError | undefined {
  const app = newApp();
  build(app);
  applyCompliance(app);
  return synthApp(app);
}

/** Synthesizes an app the test already gated; returns the gate's error, if any. */
export function synthApp(app: App): ComplianceViolationError | undefined {
  try {
    app.synth();
    return undefined;
  } catch (error) {
    if (error instanceof ComplianceViolationError) return error;
    throw error;
  }
}

/** The violation lines of the error (without the header line), trimmed. */
export function violationLines(err: ComplianceViolationError | undefined): string[] {
  if (!err) return [];
  return err.message
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A full violation line for `ruleId` at exactly `constructPath`: `[ID] path: <message>. Fix: <how>`. */
function lineMatcher(ruleId: string, constructPath: string): RegExp {
  return new RegExp(`^\\[${escape(ruleId)}\\] ${escape(constructPath)}: \\S.* Fix: \\S.*$`);
}

/** Lines for `ruleId` at exactly `constructPath`. */
export function linesFor(err: ComplianceViolationError | undefined, ruleId: string, constructPath: string): string[] {
  const matcher = lineMatcher(ruleId, constructPath);
  return violationLines(err).filter((line) => matcher.test(line));
}

/**
 * Asserts the gate failed with a violation of `ruleId` at exactly `constructPath`; when
 * `messageIncludes` is given, one such line must contain it. Returns the matching lines.
 */
export function expectViolation(
  err: ComplianceViolationError | undefined,
  ruleId: string,
  constructPath: string,
  messageIncludes?: string | RegExp,
): string[] {
  expect(err).toBeInstanceOf(ComplianceViolationError);
  const lines = linesFor(err, ruleId, constructPath);
  if (lines.length === 0) {
    throw new Error(`expected a [${ruleId}] violation at ${constructPath}; the gate reported:\n${violationLines(err).join('\n') || '(nothing)'}`);
  }
  if (messageIncludes !== undefined) {
    const hit = lines.some((line) => (typeof messageIncludes === 'string' ? line.includes(messageIncludes) : messageIncludes.test(line)));
    if (!hit) throw new Error(`no [${ruleId}] ${constructPath} line matches ${String(messageIncludes)}:\n${lines.join('\n')}`);
  }
  // The same violation is also carried, structured, on the error.
  expect(err!.violations.some((v) => v.ruleId === ruleId && v.path === constructPath)).toBe(true);
  return lines;
}

/** Asserts synthesis succeeded: the gate found nothing at all. */
export function expectNoViolations(err: ComplianceViolationError | undefined): void {
  if (err) throw new Error(`expected no violations; the gate reported:\n${violationLines(err).join('\n')}`);
}

/** Asserts the gate reported nothing for `ruleId` (other rules may fire on a minimal fixture). */
export function expectNoViolationOf(err: ComplianceViolationError | undefined, ruleId: string): void {
  const lines = violationLines(err).filter((line) => line.startsWith(`[${ruleId}] `));
  if (lines.length > 0) throw new Error(`expected no [${ruleId}] violation; the gate reported:\n${lines.join('\n')}`);
}

/** A Stack in eu-west-1 (the only compliant region). */
export function euStack(scope: Construct, id: string, props: StackProps = {}): Stack {
  return new Stack(scope, id, { ...props, env: { region: EU, ...props.env } });
}

// ---------------------------------------------------------------------------------------
// Compliant baselines: each test changes ONE thing.
// ---------------------------------------------------------------------------------------

/** A VPC in two AZs with isolated subnets only (no internet gateway), for data stores. */
export function isolatedVpc(scope: Construct, id = 'Vpc'): ec2.Vpc {
  return new ec2.Vpc(scope, id, {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
  });
}

/** Props of a CfnReplicationGroup that passes every rule (no AuthToken, no subnet group needed). */
export function compliantReplicationGroupProps(): elasticache.CfnReplicationGroupProps & Record<string, unknown> {
  return {
    replicationGroupDescription: 'compliant cache',
    engine: 'redis',
    cacheNodeType: 'cache.t4g.small',
    numCacheClusters: 2,
    multiAzEnabled: true,
    automaticFailoverEnabled: true,
    atRestEncryptionEnabled: true,
    transitEncryptionEnabled: true,
  };
}

/** The same compliant replication group in raw CloudFormation property names. */
export function compliantReplicationGroupCfn(): Record<string, unknown> {
  return {
    ReplicationGroupDescription: 'compliant cache',
    Engine: 'redis',
    CacheNodeType: 'cache.t4g.small',
    NumCacheClusters: 2,
    MultiAZEnabled: true,
    AutomaticFailoverEnabled: true,
    AtRestEncryptionEnabled: true,
    TransitEncryptionEnabled: true,
  };
}

export function compliantReplicationGroup(
  scope: Construct,
  id = 'Cache',
  overrides: Partial<elasticache.CfnReplicationGroupProps> = {},
): elasticache.CfnReplicationGroup {
  return new elasticache.CfnReplicationGroup(scope, id, { ...compliantReplicationGroupProps(), ...overrides });
}

/** A PostgreSQL 16 (force_ssl on by default) engine. */
export const POSTGRES_16 = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });

/** Props of an L2 DatabaseInstance that passes every rule, given its VPC. */
export function compliantDbProps(vpc: ec2.IVpc): rds.DatabaseInstanceProps {
  return {
    engine: POSTGRES_16,
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
    credentials: rds.Credentials.fromGeneratedSecret('app'),
    storageEncrypted: true,
    multiAz: true,
    publiclyAccessible: false,
  };
}

/** A compliant L2 database (with its own isolated VPC) in `stack`. */
export function compliantDatabase(stack: Stack, id = 'Db', overrides: Partial<rds.DatabaseInstanceProps> = {}): rds.DatabaseInstance {
  const vpc = isolatedVpc(stack, `${id}Vpc`);
  return new rds.DatabaseInstance(stack, id, { ...compliantDbProps(vpc), ...overrides });
}

/** A Multi-AZ read replica of `source` in its isolated subnets (the replica's own settings as `overrides`). */
export function readReplicaOf(
  stack: Stack,
  source: rds.DatabaseInstance,
  id = 'Replica',
  overrides: Partial<rds.DatabaseInstanceReadReplicaProps> = {},
): rds.DatabaseInstanceReadReplica {
  return new rds.DatabaseInstanceReadReplica(stack, id, {
    sourceDatabaseInstance: source,
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
    vpc: source.vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    multiAz: true,
    ...overrides,
  });
}

/** A DB subnet group of isolated subnets, for L1 database fixtures. */
export function isolatedSubnetGroup(stack: Stack, id = 'DbSubnets'): rds.CfnDBSubnetGroup {
  const vpc = isolatedVpc(stack, `${id}Vpc`);
  return new rds.CfnDBSubnetGroup(stack, id, {
    dbSubnetGroupDescription: 'isolated',
    subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId),
  });
}

/** Props of an L1 CfnDBInstance (PostgreSQL 16) that passes every rule, given its subnet group. */
export function compliantCfnDbProps(subnetGroup: rds.CfnDBSubnetGroup): rds.CfnDBInstanceProps {
  return {
    engine: 'postgres',
    engineVersion: '16.4',
    dbInstanceClass: 'db.t4g.medium',
    allocatedStorage: '20',
    masterUsername: 'app',
    manageMasterUserPassword: true,
    storageEncrypted: true,
    multiAz: true,
    publiclyAccessible: false,
    dbSubnetGroupName: subnetGroup.ref,
  };
}

export function compliantCfnDb(stack: Stack, id = 'Db', overrides: Partial<rds.CfnDBInstanceProps> = {}): rds.CfnDBInstance {
  return new rds.CfnDBInstance(stack, id, { ...compliantCfnDbProps(isolatedSubnetGroup(stack, `${id}Subnets`)), ...overrides });
}

/** A role Lambda can assume, with no permissions until a test adds them. */
export function lambdaRole(scope: Construct, id = 'Role'): iam.Role {
  return new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

/** An inline-code Lambda function (no asset to build). */
export function lambdaFunction(scope: Construct, id = 'Fn', props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    ...props,
  });
}

/** A raw CfnResource of any type (what someone bypassing the L1/L2 classes would write). */
export function rawResource(scope: Construct, id: string, type: string, properties: Record<string, unknown>): CfnResource {
  return new CfnResource(scope, id, { type, properties });
}

/** A literal password, the thing the secrets control forbids. */
export const LITERAL_PASSWORD = SecretValue.unsafePlainText('hunter2-hunter2');

/**
 * A Node.js 22 function with inline code (`exports.handler = async () => {}`), the shape the
 * adversarial probes used; `lambdaFunction` differs only in its code string.
 */
export function inlineFunction(stack: Stack, id = 'Fn', props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {}'),
    ...props,
  });
}

/** A raw replication group: the compliant one with `changes` applied. */
export function rawReplicationGroup(stack: Stack, id = 'Cache', changes: Record<string, unknown> = {}): CfnResource {
  return rawResource(stack, id, 'AWS::ElastiCache::ReplicationGroup', { ...compliantReplicationGroupCfn(), ...changes });
}

/** Two Fargate tasks (logging to CloudWatch) in a default two-AZ VPC; `props` override the service. */
export function twoTaskFargateService(stack: Stack, props: Partial<ecs.FargateServiceProps> = {}): ecs.FargateService {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
  taskDefinition.addContainer('app', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'),
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app' }),
  });
  return new ecs.FargateService(stack, 'Service', { cluster, taskDefinition, desiredCount: 2, ...props });
}
