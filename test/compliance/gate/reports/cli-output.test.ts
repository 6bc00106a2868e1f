/**
 * What a failing `cdk synth` prints, run as the CDK CLI runs an app (node with source maps and the
 * transpile-only loader, CDK_OUTDIR set): every violation once, grouped by stack, with the
 * TypeScript line that created it, a one-line summary, exit code 1; no stack trace, no object dump.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempOutdir } from './helpers';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const FIXTURE = path.join('test', 'compliance', 'gate', 'reports', 'fixtures', 'failing-cli-app.ts');
const cdkJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as { app: string };

let stderr: string;
let status: number | null;
let outdir: string;

beforeAll(() => {
  outdir = tempOutdir('sfx-cli-');
  // cdk.json's app command, with the fixture in place of bin/.
  const [node, ...args] = cdkJson.app.replace('bin/streamflix.ts', FIXTURE).split(' ');
  const run = spawnSync(node, args, { cwd: ROOT, env: { ...process.env, CDK_OUTDIR: outdir, NODE_ENV: '' }, encoding: 'utf8', timeout: 120_000 });
  stderr = run.stderr;
  status = run.status;
});

const fixtureLine = (marker: string) =>
  fs
    .readFileSync(path.join(ROOT, FIXTURE), 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(marker)) + 1;

test('cdk.json runs the app with source maps on', () => {
  expect(cdkJson.app).toMatch(/^node --enable-source-maps /);
});

test('exits 1', () => {
  expect(status).toBe(1);
});

test('prints each violation once, grouped under its stack, with the TypeScript line that created it', () => {
  const lines = stderr.split('\n');
  const redis = lines.filter((line) => line.includes('[SFX-REDIS-AT-REST] Cache/Redis:'));
  expect(redis).toHaveLength(1);
  const region = lines.filter((line) => line.includes('[SFX-REGION] Elsewhere:'));
  expect(region).toHaveLength(1);
  expect(lines.indexOf('Cache (1 violation)')).toBeLessThan(lines.indexOf(redis[0]));
  expect(lines.indexOf('Elsewhere (1 violation)')).toBeLessThan(lines.indexOf(region[0]));
  expect(lines[lines.indexOf(redis[0]) + 1].trim()).toBe(`created at ${FIXTURE.split(path.sep).join('/')}:${fixtureLine("'Redis', {")}`);
  expect(lines[lines.indexOf(region[0]) + 1].trim()).toBe(`created at ${FIXTURE.split(path.sep).join('/')}:${fixtureLine("'Elsewhere'")}`);
});

test('ends with a one-line summary', () => {
  const last = stderr.trim().split('\n').pop();
  expect(last).toBe('SFX compliance gate: FAIL. 2 violations of 2 controls in 2 stacks of the app; cdk.out holds the reports and no template.');
});

test('no stack trace, no object dump, no transpiled line', () => {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain('violations: [');
  expect(stderr).not.toContain('ComplianceViolationError');
  expect(stderr).not.toContain('.js:');
});

test('leaves the reports and nothing deployable', () => {
  const files = fs.readdirSync(outdir);
  expect(files.sort()).toEqual(['compliance-report.json', 'compliance-report.md', 'compliance-report.sarif']);
});
