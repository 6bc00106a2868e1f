/** .github/workflows/compliance.yml cannot run here: check that its steps make the CI gate. */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

interface Job {
  'runs-on': string;
  permissions?: Record<string, string>;
  env?: Record<string, unknown>;
  steps: Step[];
}

interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const WORKFLOW = path.join(__dirname, '..', '..', '..', '..', '.github', 'workflows', 'compliance.yml');

const workflow = parse(fs.readFileSync(WORKFLOW, 'utf8')) as Workflow;
const jobs = Object.values(workflow.jobs);
const job = jobs[0];
const steps = job.steps;

const usesStep = (action: string) => steps.filter((step) => step.uses?.startsWith(`${action}@`));
const runStep = (pattern: RegExp) => steps.findIndex((step) => step.run !== undefined && pattern.test(step.run));

test('runs on push and pull_request, one job on ubuntu-latest', () => {
  expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
  expect(jobs).toHaveLength(1);
  expect(job['runs-on']).toBe('ubuntu-latest');
});

test('may upload to code scanning: security-events write, contents read', () => {
  const permissions = { ...workflow.permissions, ...job.permissions };
  expect(permissions['security-events']).toBe('write');
  expect(permissions.contents).toBe('read');
});

test('checks out and sets up Node 20 with the npm cache', () => {
  expect(usesStep('actions/checkout').map((s) => s.uses)).toEqual(['actions/checkout@v4']);
  const [node] = usesStep('actions/setup-node');
  expect(node.uses).toBe('actions/setup-node@v4');
  expect(String(node.with?.['node-version'])).toBe('20');
  expect(node.with?.cache).toBe('npm');
});

test('npm ci, then npm test (type-check, lint, jest), then cdk synth without telemetry, in that order', () => {
  const ci = runStep(/^npm ci\b/m);
  const test = runStep(/^npm test\b/m);
  const synth = runStep(/^npx cdk synth --quiet\b/m);
  expect(ci).toBeGreaterThan(steps.indexOf(usesStep('actions/setup-node')[0]));
  expect(test).toBeGreaterThan(ci);
  expect(synth).toBeGreaterThan(test);
  const telemetry = { ...job.env, ...steps[synth].env }.CDK_DISABLE_CLI_TELEMETRY;
  expect(String(telemetry)).toBe('true');
  expect(steps[synth].if).toBeUndefined();
});

test('uploads the SARIF to code scanning even when synth fails', () => {
  const [upload] = usesStep('github/codeql-action/upload-sarif');
  expect(upload.uses).toBe('github/codeql-action/upload-sarif@v3');
  expect(upload.if).toMatch(/\balways\(\)/);
  expect(upload.with?.sarif_file).toBe('cdk.out/compliance-report.sarif');
  expect(upload.with?.category).toBe('sfx-compliance-gate');
  expect(steps.indexOf(upload)).toBeGreaterThan(runStep(/^npx cdk synth\b/m));
});

test('uploads cdk.out as an artifact even when synth fails', () => {
  const [artifact] = usesStep('actions/upload-artifact');
  expect(artifact.uses).toBe('actions/upload-artifact@v4');
  expect(artifact.if).toBe('always()');
  expect(artifact.with?.path).toBe('cdk.out');
});

test('appends the Markdown report to the job summary even when synth fails', () => {
  const summary = steps[runStep(/cdk\.out\/compliance-report\.md.*>>\s*"?\$GITHUB_STEP_SUMMARY/)];
  expect(summary).toBeDefined();
  expect(summary.if).toBe('always()');
});

test('pins every action to a major version', () => {
  for (const step of steps.filter((s) => s.uses)) expect(step.uses).toMatch(/@v\d+$/);
});

test('lints the synthesized templates with a pinned cfn-lint after synth', () => {
  const synth = runStep(/cdk synth/);
  const lint = runStep(/npm run cfn-lint/);
  expect(lint).toBeGreaterThan(synth);
  expect(steps[lint].run).toMatch(/pip install cfn-lint==\d+\.\d+\.\d+/);
});
