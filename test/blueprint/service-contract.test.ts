/**
 * The blueprint gives the service everything its contract (service/src/contract.ts) requires, and nothing
 * secret in plain environment variables; the image, health checks and shutdown timings agree with it.
 */
import { Stage } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import * as fs from 'fs';
import * as path from 'path';
import { loadConfig } from '../../service/src/config';
import {
  ALB_IDLE_TIMEOUT_SECONDS,
  CONTAINER_PORT,
  CONTAINER_USER,
  DB_SECRET_KEYS,
  DEFAULT_SHUTDOWN_DRAIN_MS,
  DEREGISTRATION_DELAY_SECONDS,
  ENV,
  FORBIDDEN_PLAIN_ENV_PATTERN,
  KEEP_ALIVE_TIMEOUT_MS,
  MAX_REQUEST_MS,
  READINESS_PATH,
  REDIS_SECRET_KEYS,
  REQUIRED_ENV,
  STOP_TIMEOUT_SECONDS,
} from '../../service/src/contract';
import { SERVICE_DIRECTORY } from '../../lib/content-api/api-container';
import { getAtt, ref, resourcesOf, synthesizeBlueprint } from './blueprint';

const { stack, template, logicalId } = synthesizeBlueprint();
const { compute, data } = stack.contentApi;
const resources = template.toJSON().Resources;
const [container] = resources[logicalId(compute.taskDefinition)].Properties.ContainerDefinitions;
const environment = new Map<string, unknown>((container.Environment as { Name: string; Value: unknown }[]).map((e) => [e.Name, e.Value]));
const dbSecretArn = getAtt(logicalId(data.database.instance), 'MasterUserSecret.SecretArn');
const redisSecretArn = ref(logicalId(data.cache.authSecret));

describe('the task definition honours the service contract', () => {
  test('every variable the service requires is set, and no other', () => {
    for (const name of REQUIRED_ENV) expect({ name, set: environment.has(name) }).toEqual({ name, set: true });
    const known = new Set<string>(Object.values(ENV));
    expect([...environment.keys()].filter((name) => !known.has(name))).toEqual([]);
  });

  test('the service starts from exactly this environment (tokens replaced by deploy-time values)', () => {
    const deployed = Object.fromEntries(
      [...environment].map(([name, value]) => [name, typeof value === 'string' ? value : name.endsWith('PORT') ? '5432' : `resolved-${name}`]),
    );
    const config = loadConfig(deployed);
    expect(config).toMatchObject({
      port: CONTAINER_PORT,
      db: { database: 'content', caFile: '/app/certs/rds-ca-bundle.pem' },
      shutdownDrainMs: DEFAULT_SHUTDOWN_DRAIN_MS,
    });
    expect(() => loadConfig({ ...deployed, [ENV.dbSecretArn]: '' })).toThrow(`missing environment variables: ${ENV.dbSecretArn}`);
  });

  test('nothing secret is a plain variable: credentials are read from Secrets Manager at run time, not injected', () => {
    expect(container.Secrets).toBeUndefined();
    expect([...environment.keys()].filter((name) => FORBIDDEN_PLAIN_ENV_PATTERN.test(name))).toEqual([]);
    expect(environment.get(ENV.dbSecretArn)).toEqual(dbSecretArn);
    expect(environment.get(ENV.redisSecretArn)).toEqual(redisSecretArn);
    // The service reads these JSON keys; the secrets have them.
    expect(DB_SECRET_KEYS).toEqual({ username: 'username', password: 'password' });
    const authSecret = resourcesOf(template, 'AWS::SecretsManager::Secret')[logicalId(data.cache.authSecret)];
    expect((authSecret.Properties.GenerateSecretString as { GenerateStringKey: string }).GenerateStringKey).toBe(REDIS_SECRET_KEYS.authToken);
  });

  test('the task role may read exactly the secrets the service is told to read, and decrypt them only through Secrets Manager', () => {
    const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).filter(
      (p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([ref(logicalId(compute.taskRole))]),
    );
    expect(policies).toHaveLength(1);
    const statements = (policies[0].Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements).toEqual([
      { Sid: 'ReadServiceCredentials', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [dbSecretArn, redisSecretArn] },
      {
        Sid: 'DecryptServiceCredentials',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: [getAtt(logicalId(data.cache.encryptionKey), 'Arn'), getAtt(logicalId(data.database.encryptionKey), 'Arn')],
        Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['secretsmanager.', ref('AWS::Region'), '.amazonaws.com']] } } },
      },
    ]);
  });

  test("runs as the image's non-root user on a read-only root filesystem, on the contract's port", () => {
    expect(container).toMatchObject({
      User: CONTAINER_USER,
      ReadonlyRootFilesystem: true,
      PortMappings: [{ ContainerPort: CONTAINER_PORT, Protocol: 'tcp' }],
    });
  });

  test("the container health check runs the service's node script: no shell, wget or curl", () => {
    expect(container.HealthCheck.Command).toEqual(['CMD', '/nodejs/bin/node', '/app/dist/healthcheck.js']);
    expect(fs.existsSync(path.join(SERVICE_DIRECTORY, 'src', 'healthcheck.ts'))).toBe(true);
  });

  test('the ALB probes readiness; keep-alive outlasts the ALB idle timeout; drain, stop timeout and deregistration agree', () => {
    const [targetGroup] = Object.values(resourcesOf(template, 'AWS::ElasticLoadBalancingV2::TargetGroup'));
    expect(targetGroup.Properties).toMatchObject({ HealthCheckPath: READINESS_PATH, Matcher: { HttpCode: '200' } });
    expect(targetGroup.Properties.TargetGroupAttributes).toContainEqual({
      Key: 'deregistration_delay.timeout_seconds',
      Value: String(DEREGISTRATION_DELAY_SECONDS),
    });
    const [alb] = Object.values(resourcesOf(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer'));
    expect(alb.Properties.LoadBalancerAttributes).toContainEqual({ Key: 'idle_timeout.timeout_seconds', Value: String(ALB_IDLE_TIMEOUT_SECONDS) });
    expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(ALB_IDLE_TIMEOUT_SECONDS * 1000);
    expect(container.StopTimeout).toBe(STOP_TIMEOUT_SECONDS);
    expect(STOP_TIMEOUT_SECONDS * 1000).toBeGreaterThan(DEFAULT_SHUTDOWN_DRAIN_MS + MAX_REQUEST_MS);
  });
});

describe('the image', () => {
  const dockerfile = fs.readFileSync(path.join(SERVICE_DIRECTORY, 'Dockerfile'), 'utf8');

  test('the direct-deploy stack builds service/ as a Docker image asset (built by cdk deploy, not by synth)', () => {
    const assembly = Stage.of(stack)!.synth();
    const manifest = assembly.artifacts.find((a) => a instanceof cxapi.AssetManifestArtifact) as cxapi.AssetManifestArtifact;
    const images = Object.values(JSON.parse(fs.readFileSync(manifest.file, 'utf8')).dockerImages) as {
      source: { directory: string; platform?: string };
    }[];
    expect(images).toHaveLength(1);
    expect(images[0].source.platform).toBe('linux/amd64');
    const staged = path.join(assembly.directory, images[0].source.directory);
    expect(fs.readdirSync(staged).sort()).toEqual([
      '.dockerignore',
      'Dockerfile',
      'migrations',
      'package-lock.json',
      'package.json',
      'src',
      'tsconfig.json',
    ]);
  });

  test('multi-stage, non-root, port 8080, health check by node', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^FROM gcr\.io\/distroless\/nodejs\d+-debian\d+:nonroot$/m);
    expect(runtime).toMatch(new RegExp(`^USER ${CONTAINER_USER}$`, 'm'));
    expect(runtime).toMatch(new RegExp(`^EXPOSE ${CONTAINER_PORT}$`, 'm'));
    expect(runtime).toMatch(/^HEALTHCHECK .*CMD \["\/nodejs\/bin\/node", "\/app\/dist\/healthcheck.js"\]$/m);
    expect(runtime).not.toMatch(/wget|curl|CMD-SHELL/);
  });

  test("the service's own package.json pins the same versions as the root one the tests run", () => {
    const root = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const service = JSON.parse(fs.readFileSync(path.join(SERVICE_DIRECTORY, 'package.json'), 'utf8'));
    const lock = JSON.parse(fs.readFileSync(path.join(SERVICE_DIRECTORY, 'package-lock.json'), 'utf8'));
    for (const [name, version] of Object.entries({ ...service.dependencies, ...service.devDependencies })) {
      expect({ name, version }).toEqual({ name, version: root.dependencies[name] ?? root.devDependencies[name] });
      expect({ name, locked: lock.packages[`node_modules/${name}`]?.version }).toEqual({ name, locked: version });
    }
  });
});

describe('API Gateway authorization', () => {
  test('reads (GET) are open; every other method, the PUT writes included, needs IAM authorization', () => {
    const routes = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).map((r) => [
      r.Properties.RouteKey,
      r.Properties.AuthorizationType,
    ]);
    expect(routes.sort()).toEqual([
      ['$default', 'AWS_IAM'],
      ['GET /{proxy+}', 'NONE'],
    ]);
  });
});
