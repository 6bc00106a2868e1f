/**
 * The content-metadata API against real servers: one PostgreSQL 17 (TLS only), one Redis (TLS + AUTH) and
 * a loopback Secrets Manager, started once for the whole file; the suites run in order because some of
 * them stop and restart those servers.
 */
import { createTestEnvironment, TestEnvironment } from './harness/environment';
import { routesSuite } from './suites/routes';
import { cacheSuite } from './suites/cache';
import { consistencySuite } from './suites/consistency';
import { degradationSuite } from './suites/degradation';
import { rotationSuite } from './suites/rotation';
import { shutdownSuite } from './suites/shutdown';
import { migrationsSuite } from './suites/migrations';

let environment: TestEnvironment | undefined;
const env = (): TestEnvironment => {
  if (!environment) throw new Error('test environment not started');
  return environment;
};

beforeAll(async () => {
  environment = await createTestEnvironment();
}, 60_000);
afterAll(async () => {
  await environment?.close();
});

describe('content-metadata API', () => {
  migrationsSuite(env);
  routesSuite(env);
  cacheSuite(env);
  consistencySuite(env);
  rotationSuite(env);
  degradationSuite(env);
  shutdownSuite(env);
});
