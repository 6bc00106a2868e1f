/**
 * Reviewed waivers (CONTROLS.md, Waivers): waive(scope, ruleId, { reason, expires }) covers the
 * construct and everything beneath it; mandated controls and unknown ids throw at the call; an
 * expired waiver fails again saying so; every waiver is in every report, unused ones as unused.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as path from 'path';
import { ComplianceViolationError, WaiverError, applyCompliance, synthesizeGated, waive } from '../../../aspects';
import { MANDATED_RULES, RdsTls, SecretsManager } from '../../../rules';
import { euStack, expectViolation, linesFor, newApp, rawResource, synthApp } from '../helpers';

const REASON = 'legacy integration test secret, removed with SEC-123';

/** A literal SecretString: an SFX-SECRETS-MANAGER violation. */
function literalSecret(scope: Construct, id: string) {
  return rawResource(scope, id, 'AWS::SecretsManager::Secret', { SecretString: 'hunter2' });
}

function build(expires: string, on: 'group' | 'other' = 'group'): { app: App; error: ComplianceViolationError | undefined } {
  const app = newApp();
  const stack = euStack(app, 'Api');
  const group = new Construct(stack, 'Legacy');
  literalSecret(group, 'Secret');
  literalSecret(new Construct(group, 'Inner'), 'Secret');
  literalSecret(stack, 'Other');
  waive(on === 'group' ? group : stack.node.findChild('Other'), SecretsManager.id, { reason: REASON, expires });
  const unused = new Construct(stack, 'Clean');
  waive(unused, RdsTls.id, { reason: 'no database here yet', expires: '2999-01-01' });
  applyCompliance(app);
  return { app, error: synthApp(app) };
}

function report(app: App): {
  waivers: { ruleId: string; path: string; status: string; matched: string[]; reason: string; expires: string }[];
  waived: { path: string; waiver: { reason: string } }[];
  violations: { path: string }[];
} {
  return JSON.parse(fs.readFileSync(path.join(app.outdir, 'compliance-report.json'), 'utf8'));
}

describe('a current waiver', () => {
  const { app, error } = build('2999-12-31');

  test('covers the construct and everything beneath it, nothing else', () => {
    expect(linesFor(error, SecretsManager.id, 'Api/Legacy/Secret')).toEqual([]);
    expect(linesFor(error, SecretsManager.id, 'Api/Legacy/Inner/Secret')).toEqual([]);
    expectViolation(error, SecretsManager.id, 'Api/Other', 'SecretString');
  });

  test('is in the JSON report with what it matched; the unused one as unused', () => {
    const json = report(app);
    expect(json.waivers).toContainEqual(
      expect.objectContaining({
        ruleId: SecretsManager.id,
        path: 'Api/Legacy',
        reason: REASON,
        expires: '2999-12-31',
        status: 'applied',
        matched: ['Api/Legacy/Secret', 'Api/Legacy/Inner/Secret'],
      }),
    );
    expect(json.waivers).toContainEqual(expect.objectContaining({ ruleId: RdsTls.id, path: 'Api/Clean', status: 'unused', matched: [] }));
    expect(json.waived.map((v) => v.path)).toEqual(['Api/Legacy/Secret', 'Api/Legacy/Inner/Secret']);
    expect(json.violations.map((v) => v.path)).toEqual(['Api/Other']);
  });

  test('is in the Markdown report', () => {
    const markdown = fs.readFileSync(path.join(app.outdir, 'compliance-report.md'), 'utf8');
    expect(markdown).toContain(`| ${SecretsManager.id} | Api/Legacy | ${REASON} | 2999-12-31 | applied | 2 |`);
    expect(markdown).toContain('| SFX-RDS-TLS | Api/Clean | no database here yet | 2999-01-01 | unused | 0 |');
  });

  test('is in the SARIF as a suppression with its justification', () => {
    const sarif = JSON.parse(fs.readFileSync(path.join(app.outdir, 'compliance-report.sarif'), 'utf8'));
    const suppressed = sarif.runs[0].results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
    expect(suppressed).toHaveLength(2);
    expect(suppressed[0].suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: expect.stringContaining(REASON) }]);
    expect(suppressed[0].suppressions[0].justification).toContain('2999-12-31');
  });
});

describe('an expired waiver', () => {
  const { app, error } = build('2020-01-31');

  test('no longer applies: the violations fail again, saying the waiver expired on that date', () => {
    for (const p of ['Api/Legacy/Secret', 'Api/Legacy/Inner/Secret']) {
      expectViolation(error, SecretsManager.id, p, 'the waiver given on Api/Legacy expired on 2020-01-31');
    }
  });

  test('is reported as expired', () => {
    expect(report(app).waivers).toContainEqual(expect.objectContaining({ ruleId: SecretsManager.id, path: 'Api/Legacy', status: 'expired' }));
    expect(report(app).waived).toEqual([]);
  });
});

describe('waive() refuses at the call', () => {
  const scope = () => new Stack(new App(), 'S');
  test.each(MANDATED_RULES.map((rule) => rule.id))('the mandated control %s, naming it', (id) => {
    expect(() => waive(scope(), id, { reason: 'r', expires: '2999-01-01' })).toThrow(WaiverError);
    expect(() => waive(scope(), id, { reason: 'r', expires: '2999-01-01' })).toThrow(new RegExp(`${id} is a mandated control`));
  });

  test('an unknown id, naming it', () => {
    expect(() => waive(scope(), 'SFX-NO-SUCH', { reason: 'r', expires: '2999-01-01' })).toThrow(/no SFX rule has the id 'SFX-NO-SUCH'/);
  });

  test.each(['', '   '])('an empty reason (%j)', (reason) => {
    expect(() => waive(scope(), SecretsManager.id, { reason, expires: '2999-01-01' })).toThrow(/a reason is required/);
  });

  test.each(['2027-3-31', '2027-02-30', 'tomorrow', '31/03/2027', undefined])('an expiry that is not a YYYY-MM-DD date (%j)', (expires) => {
    expect(() => waive(scope(), SecretsManager.id, { reason: 'r', expires: expires as string })).toThrow(/expires must be a date written YYYY-MM-DD/);
  });
});

describe('an app whose only violation is waived', () => {
  const app = newApp();
  const stack = euStack(app, 'Api');
  const secret = literalSecret(stack, 'Secret');
  waive(secret, SecretsManager.id, { reason: REASON, expires: '2999-12-31' });
  applyCompliance(app);
  synthesizeGated(app);
  const sarif = JSON.parse(fs.readFileSync(path.join(app.outdir, 'compliance-report.sarif'), 'utf8'));

  test('synthesizes, and the SARIF result is suppressed, located at the source line, with the written template as related location', () => {
    expect(fs.existsSync(path.join(app.outdir, 'Api.template.json'))).toBe(true);
    const [result] = sarif.runs[0].results;
    expect(result.suppressions[0].justification).toContain(REASON);
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'test/compliance/helpers.ts', uriBaseId: '%SRCROOT%' });
    expect(result.relatedLocations).toEqual([
      expect.objectContaining({
        physicalLocation: { artifactLocation: { uri: 'Api.template.json', uriBaseId: 'CDK_OUT' }, region: { startLine: expect.any(Number) } },
      }),
    ]);
    const lines = fs.readFileSync(path.join(app.outdir, 'Api.template.json'), 'utf8').split('\n');
    expect(lines[result.relatedLocations[0].physicalLocation.region.startLine - 1]).toBe('  "Secret": {');
  });
});
