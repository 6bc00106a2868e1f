/**
 * Shared fixtures of the evidence tests: the blueprint synthesized as `cdk synth` would
 * (cdk.json's context) into a temp outdir, and a tiny failing app (an unencrypted Redis
 * replication group in eu-west-1).
 */
import { App, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ComplianceViolationError, applyCompliance } from '../../../../aspects';
import { buildStreamFlixApp, StreamFlixAppOptions } from '../../../../lib/app';

const ROOT = path.join(__dirname, '..', '..', '..', '..');

export const REPORTS = {
  json: 'compliance-report.json',
  sarif: 'compliance-report.sarif',
  markdown: 'compliance-report.md',
} as const;

const cdkJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };

/** The context `cdk synth` hands the app: cdk.json's, with version reporting off as cdk.json asks. */
export const CDK_CONTEXT: Record<string, unknown> = { ...(cdkJson.context ?? {}), 'aws:cdk:version-reporting': false };

export function tempOutdir(prefix = 'sfx-evidence-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Synthesizes the blueprint into a fresh temp outdir (nag off unless asked); returns the outdir. */
export function synthBlueprint(options: StreamFlixAppOptions = {}): string {
  const outdir = tempOutdir();
  buildStreamFlixApp({
    nag: false,
    context: CDK_CONTEXT,
    snapshotDirectory: path.join(outdir, '..', `${path.basename(outdir)}-snapshots`),
    ...options,
    outdir,
  }).synth();
  return outdir;
}

export const FAILING_STACK = 'Cache';
export const FAILING_RESOURCE = 'Cache/Redis';

/**
 * A small eu-west-1 app with a few compliant resources and one replication group without
 * at-rest encryption (SFX-REDIS-AT-REST). Gated unless `gated` is false, which lets a test
 * synthesize the same templates to see where CDK writes each resource. With `stage`, the
 * stack sits in a Stage of that id (its template goes to the nested assembly `assembly-<stage>`).
 */
export function buildFailingApp(outdir: string, gated = true, stage?: string): App {
  const app = new App({ outdir, context: CDK_CONTEXT });
  const scope = stage === undefined ? app : new Stage(app, stage, { env: { region: 'eu-west-1' } });
  const stack = new Stack(scope, FAILING_STACK, { env: { region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
  });
  new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true });
  const subnets = new elasticache.CfnSubnetGroup(stack, 'CacheSubnets', {
    description: 'cache subnets',
    subnetIds: vpc.isolatedSubnets.map((subnet) => subnet.subnetId),
  });
  new elasticache.CfnReplicationGroup(stack, 'Redis', {
    replicationGroupDescription: 'unencrypted at rest',
    engine: 'redis',
    cacheNodeType: 'cache.t4g.small',
    numCacheClusters: 2,
    multiAzEnabled: true,
    automaticFailoverEnabled: true,
    transitEncryptionEnabled: true,
    cacheSubnetGroupName: subnets.ref,
  });
  if (gated) applyCompliance(app);
  return app;
}

/** Synthesizes the gated failing app; returns its outdir and the gate's error. */
export function synthFailingApp(stage?: string): { outdir: string; error: ComplianceViolationError } {
  const outdir = tempOutdir();
  try {
    buildFailingApp(outdir, true, stage).synth();
  } catch (error) {
    if (error instanceof ComplianceViolationError) return { outdir, error };
    throw error;
  }
  throw new Error('the failing app synthesized without a compliance violation');
}

export function readText(outdir: string, file: string): string {
  return fs.readFileSync(path.join(outdir, file), 'utf8');
}

export function readJson<T = Record<string, unknown>>(outdir: string, file: string): T {
  return JSON.parse(readText(outdir, file)) as T;
}

/** Every file under `dir`, relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}
