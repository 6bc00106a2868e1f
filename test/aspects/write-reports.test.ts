/** aspects/report/write-reports.ts: the three reports in a real temp outdir, template URIs of nested Stage assemblies. */
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { GateResult } from '../../aspects/compliance-gate';
import { REPORT_FILES, rewriteComplianceReports, writeComplianceReports } from '../../aspects/report/write-reports';
import type { GateViolation } from '../../aspects/violation-error';
import { RedisAtRest } from '../../rules/redis-at-rest';
import { TemplateView } from '../../rules/core/template';

const view = new TemplateView({ Resources: { Cache: { Type: 'AWS::ElastiCache::ReplicationGroup' } } });
const violation = (stackPath: string): GateViolation => ({
  ruleId: 'SFX-REDIS-AT-REST',
  path: `${stackPath}/Cache`,
  logicalId: 'Cache',
  stackPath,
  resourceType: 'AWS::ElastiCache::ReplicationGroup',
  message: 'AtRestEncryptionEnabled is false',
  fix: 'set AtRestEncryptionEnabled to true',
});

function fixture() {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-write-'));
  const app = new App({ outdir });
  const top = new Stack(app, 'Top');
  const inner = new Stack(new Stage(app, 'Dev'), 'Inner');
  Validations.of(top).acknowledge({ id: 'AwsSolutions::AwsSolutions-SNS2', reason: 'no PII' });
  const result: GateResult = {
    synthesisRoot: 'the app',
    templates: new Map([
      ['Top', { file: top.templateFile, view }],
      ['Dev/Inner', { file: inner.templateFile, view }],
      ['Gone', { file: 'Gone.template.json', view }],
    ]),
    rules: [RedisAtRest],
    evaluations: [],
    violations: [violation('Top'), violation('Dev/Inner'), violation('Gone')],
  };
  return { app, outdir, top, inner, result };
}

const read = (outdir: string, file: string) => fs.readFileSync(path.join(outdir, file), 'utf8');
const json = (outdir: string, file: string) => JSON.parse(read(outdir, file));
const reportFiles = (outdir: string) =>
  fs
    .readdirSync(outdir)
    .filter((file) => file.startsWith('compliance-report.'))
    .sort();
interface Location {
  physicalLocation?: { artifactLocation: { uri: string; uriBaseId: string } };
}
/** Each SARIF result's template location (primary or related), or undefined. */
const templateUris = (outdir: string) =>
  (json(outdir, REPORT_FILES.sarif).runs[0].results as { locations: Location[]; relatedLocations?: Location[] }[]).map(
    (r) =>
      [...r.locations, ...(r.relatedLocations ?? [])].map((l) => l.physicalLocation?.artifactLocation).find((a) => a?.uriBaseId === 'CDK_OUT')?.uri,
  );

describe('writeComplianceReports', () => {
  test('writes the JSON, SARIF and Markdown reports into the root outdir, each ending in a newline', () => {
    const { app, outdir, result } = fixture();
    writeComplianceReports(app, result);
    expect(REPORT_FILES).toEqual({ json: 'compliance-report.json', sarif: 'compliance-report.sarif', markdown: 'compliance-report.md' });
    expect(reportFiles(outdir)).toEqual(['compliance-report.json', 'compliance-report.md', 'compliance-report.sarif']);
    const report = json(outdir, REPORT_FILES.json);
    expect(read(outdir, REPORT_FILES.json)).toBe(`${JSON.stringify(report, undefined, 2)}\n`);
    expect(read(outdir, REPORT_FILES.sarif)).toBe(`${JSON.stringify(json(outdir, REPORT_FILES.sarif), undefined, 2)}\n`);
    expect(read(outdir, REPORT_FILES.markdown)).toMatch(/^# SFX compliance gate: FAIL\n[^]*\n$/);
    // What the tree says: acknowledgements, the installed tool versions.
    expect(report.acknowledgements).toEqual([{ path: 'Top', id: 'AwsSolutions::AwsSolutions-SNS2', reason: 'no PII' }]);
    expect(report.toolVersions['aws-cdk-lib']).toBe(JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8')).version);
    expect(report.checks).toEqual([]);
  });

  test("SARIF template locations only for templates in the assembly, a Stage's under its nested assembly directory", () => {
    const { app, outdir, top, inner, result } = fixture();
    writeComplianceReports(app, result);
    expect(templateUris(outdir)).toEqual([undefined, undefined, undefined]);
    fs.writeFileSync(path.join(outdir, top.templateFile), '{}');
    fs.mkdirSync(Stage.of(inner)!.outdir, { recursive: true });
    fs.writeFileSync(path.join(Stage.of(inner)!.outdir, inner.templateFile), '{}');
    fs.writeFileSync(path.join(outdir, 'Gone.template.json'), '{}');
    writeComplianceReports(app, result);
    expect(templateUris(outdir)).toEqual(['Top.template.json', `assembly-Dev/${inner.templateFile}`, 'Gone.template.json']);
  });

  test('a root without an assembly of its own (a bare Stack) gets no reports', () => {
    const { top, outdir, result } = fixture();
    writeComplianceReports(top, result);
    expect(rewriteComplianceReports(top, [])).toBe(false);
    expect(reportFiles(outdir)).toEqual([]);
  });
});

describe('rewriteComplianceReports', () => {
  test('rewrites what the root wrote with the checks that ran after the gate', () => {
    const { app, outdir, result } = fixture();
    const passing = { ...result, violations: [] };
    writeComplianceReports(app, passing);
    expect(json(outdir, REPORT_FILES.json).outcome).toBe('pass');
    const checks = [{ name: 'AwsSolutions', outcome: 'fail' as const, findings: 2, report: 'validation-report.json' }];
    expect(rewriteComplianceReports(app, checks)).toBe(true);
    expect(json(outdir, REPORT_FILES.json)).toMatchObject({ outcome: 'fail', gateOutcome: 'pass', checks });
    expect(json(outdir, REPORT_FILES.sarif).runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(read(outdir, REPORT_FILES.markdown)).toContain('| AwsSolutions | FAIL | 2 | validation-report.json |');
  });

  test('does nothing for a root that never wrote reports, and recreates a removed outdir', () => {
    const { app, outdir, result } = fixture();
    expect(rewriteComplianceReports(app, [])).toBe(false);
    expect(reportFiles(outdir)).toEqual([]);
    writeComplianceReports(app, result);
    fs.rmSync(outdir, { recursive: true });
    expect(rewriteComplianceReports(app, [])).toBe(true);
    expect(reportFiles(outdir)).toEqual(['compliance-report.json', 'compliance-report.md', 'compliance-report.sarif']);
  });
});
