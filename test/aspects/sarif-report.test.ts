/** compliance-report.sarif (aspects/report/sarif-report.ts) from plain gate results: no CDK app. */
import type { GateResult } from '../../aspects/compliance-gate';
import { sarifReport } from '../../aspects/report/sarif-report';
import type { GateViolation } from '../../aspects/violation-error';
import type { WaivedViolation } from '../../aspects/apply-waivers';
import type { ComplianceRule } from '../../rules/core/rule';
import { TemplateView } from '../../rules/core/template';

const rule = (id: string, severity: ComplianceRule['severity'], mandated: boolean): ComplianceRule => ({
  id,
  title: `${id} title`,
  severity,
  mandated,
  rationale: `${id} rationale.`,
  remediation: `${id} remediation.`,
  resourceTypes: ['*'],
  frameworks: [
    { framework: 'NIST 800-53 r5', control: 'SC-28' },
    { framework: 'PCI DSS 4.0', control: '3.5.1' },
  ],
});
const CACHE = rule('SFX-CACHE-AT-REST', 'critical', true);
const DB = rule('SFX-DB-TLS', 'high', false);
const TOPIC = rule('SFX-TOPIC', 'medium', false);

const violation = (ruleId: string, path: string, stackPath: string, logicalId?: string): GateViolation => ({
  ruleId,
  path,
  stackPath,
  ...(logicalId ? { logicalId } : {}),
  resourceType: logicalId ? 'AWS::X::Y' : 'AWS::CloudFormation::Stack (CDK stack)',
  message: `${path} is wrong`,
  fix: 'fix it',
});

// `S`: Cache on line 6 of its template as CDK writes it; `Dev/T` sits in the Stage's nested assembly.
const views = {
  S: new TemplateView({ Resources: { Other: { Type: 'AWS::X::Y' }, Cache: { Type: 'AWS::X::Y' } } }),
  DevT: new TemplateView({ Resources: { Db: { Type: 'AWS::X::Y' } } }),
};
const withSource = violation('SFX-CACHE-AT-REST', 'S/Cache/Resource', 'S', 'Cache');
const templateOnly = violation('SFX-DB-TLS', 'Dev/T/Db', 'Dev/T', 'Db');
const stackLevel = violation('SFX-CACHE-AT-REST', 'S', 'S');
const unwritten = violation('SFX-UNLISTED', 'Gone/Q', 'Gone', 'Q');
const unrendered = violation('SFX-TOPIC', 'Nowhere/T', 'Nowhere', 'T');
const waivedOnApp: WaivedViolation = {
  ...violation('SFX-DB-TLS', 'S/Db2', 'S', 'Db2'),
  waiver: { ruleId: 'SFX-DB-TLS', path: '', reason: 'legacy client (SEC-1)', expires: '2030-01-01' },
};
const waivedOnStack: WaivedViolation = { ...waivedOnApp, path: 'S/Db3', message: 'S/Db3 is wrong', waiver: { ...waivedOnApp.waiver, path: 'S' } };

const result: GateResult = {
  synthesisRoot: 'App',
  templates: new Map([
    ['S', { file: 'S.template.json', view: views.S }],
    ['Dev/T', { file: 'DevT.template.json', view: views.DevT }],
    ['Gone', { file: 'Gone.template.json', view: views.S }],
  ]),
  rules: [CACHE, DB, TOPIC],
  evaluations: [],
  violations: [withSource, templateOnly, stackLevel, unwritten, unrendered],
  waived: [waivedOnApp, waivedOnStack],
};

const sources: Record<string, { uri: string; line: number; column?: number }> = {
  'S/Cache/Resource': { uri: 'lib/s.ts', line: 12, column: 5 },
  S: { uri: 'lib/s.ts', line: 3 },
};

interface Run {
  tool: { driver: Record<string, unknown> & { rules: unknown[] } };
  invocations: Record<string, unknown>[];
  results: Record<string, unknown>[];
  [key: string]: unknown;
}
const runOf = (log: object) => (log as { runs: Run[] }).runs[0];

describe('sarifReport', () => {
  // Built in each test, not once for the describe: Stryker relates a mutant only to the tests that run the code.
  const build = () =>
    sarifReport(result, { 'sfx-compliance-gate': '1.2.3' }, (stackPath, file) => (stackPath.startsWith('Dev/') ? `assembly-Dev/${file}` : file), {
      sourceOf: (path) => sources[path],
      templateExists: (uri) => uri !== 'Gone.template.json',
      checks: [
        { name: 'AwsSolutions', outcome: 'pass', findings: 0, report: 'validation-report.json' },
        { name: 'CloudFormation Validate', outcome: 'fail', findings: 3, report: 'validation-report.json' },
        { name: 'CDK synthesis', outcome: 'fail', findings: 0, detail: 'boom' },
      ],
    }) as Record<string, unknown>;

  test('a SARIF 2.1.0 log of one run by sfx-compliance-gate, its template locations relative to cdk.out/', () => {
    const log = build();
    const run = runOf(log);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect((log.runs as unknown[]).length).toBe(1);
    expect(run.tool.driver.name).toBe('sfx-compliance-gate');
    expect(run.tool.driver.version).toBe('1.2.3');
    expect(run.automationDetails).toEqual({ id: 'sfx-compliance-gate/' });
    expect(run.originalUriBaseIds).toEqual({ CDK_OUT: { uri: 'cdk.out/', uriBaseId: '%SRCROOT%' } });
  });

  test('one rule per SFX control: a PascalCase name, its texts, its frameworks, and a security-severity by severity', () => {
    const run = runOf(build());
    const frameworks = 'NIST 800-53 r5 SC-28; PCI DSS 4.0 3.5.1';
    const expected = (r: ComplianceRule, name: string, tag: string, score: string) => ({
      id: r.id,
      name,
      shortDescription: { text: `${r.id} title` },
      fullDescription: { text: `${r.id} rationale.` },
      help: {
        text: `${r.id} remediation. Frameworks: ${frameworks}.`,
        markdown: `**Fix:** ${r.id} remediation.\n\n**Why:** ${r.id} rationale.\n\n**Frameworks:** ${frameworks}`,
      },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'compliance', tag], precision: 'very-high', 'problem.severity': 'error', 'security-severity': score },
    });
    expect(run.tool.driver.rules).toEqual([
      expected(CACHE, 'CacheAtRest', 'mandated', '9.0'),
      expected(DB, 'DbTls', 'waivable', '7.5'),
      expected(TOPIC, 'Topic', 'waivable', '5.0'),
    ]);
  });

  test('a failed check after the gate makes the invocation unsuccessful, with a notification naming it, its findings and report', () => {
    const run = runOf(build());
    expect(run.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: {
              text: 'CloudFormation Validate failed after the SFX gate with 3 finding(s) (see validation-report.json); synthesis left no template.',
            },
          },
          { level: 'error', message: { text: 'CDK synthesis failed after the SFX gate: boom; synthesis left no template.' } },
        ],
      },
    ]);
  });

  test("a result at the user's source line, the template line as its related location", () => {
    const run = runOf(build());
    expect(run.results[0]).toEqual({
      ruleId: 'SFX-CACHE-AT-REST',
      ruleIndex: 0,
      level: 'error',
      message: { text: '[SFX-CACHE-AT-REST] S/Cache/Resource: S/Cache/Resource is wrong. Fix: fix it.' },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'lib/s.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 5 } },
          logicalLocations: [{ fullyQualifiedName: 'S/Cache/Resource', name: 'Cache', kind: 'resource' }],
        },
      ],
      relatedLocations: [
        {
          id: 1,
          message: { text: 'Rendered CloudFormation of Cache' },
          physicalLocation: { artifactLocation: { uri: 'S.template.json', uriBaseId: 'CDK_OUT' }, region: { startLine: 6 } },
        },
      ],
      // Rule, construct path and message only: the same alert across commits that move lines.
      partialFingerprints: { 'sfxViolation/v1': '614f4656a2470550ffe2b61a7961bd40' },
      properties: { constructPath: 'S/Cache/Resource', stackPath: 'S', resourceType: 'AWS::X::Y' },
    });
  });

  test('without a source line the template location is the primary one (a Stage template under its nested assembly)', () => {
    const run = runOf(build());
    expect(run.results[1]).toMatchObject({
      ruleId: 'SFX-DB-TLS',
      ruleIndex: 1,
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'assembly-Dev/DevT.template.json', uriBaseId: 'CDK_OUT' }, region: { startLine: 3 } },
          logicalLocations: [{ fullyQualifiedName: 'Dev/T/Db', name: 'Db', kind: 'resource' }],
        },
      ],
      properties: { constructPath: 'Dev/T/Db', stackPath: 'Dev/T', resourceType: 'AWS::X::Y' },
    });
    expect(Object.keys(run.results[1])).not.toContain('relatedLocations');
  });

  test('a stack-level result: no logical name, no column, the template from its first line', () => {
    const run = runOf(build());
    expect(run.results[2].locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'lib/s.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 3 } },
        logicalLocations: [{ fullyQualifiedName: 'S', kind: 'resource' }],
      },
    ]);
    expect(run.results[2].relatedLocations).toEqual([
      {
        id: 1,
        message: { text: 'Rendered CloudFormation of S' },
        physicalLocation: { artifactLocation: { uri: 'S.template.json', uriBaseId: 'CDK_OUT' }, region: { startLine: 1 } },
      },
    ]);
  });

  test('no template location for a template not in the assembly or a stack not rendered; an unlisted rule indexes the first', () => {
    const run = runOf(build());
    for (const index of [3, 4]) {
      expect(run.results[index].locations).toEqual([
        { logicalLocations: [{ fullyQualifiedName: index === 3 ? 'Gone/Q' : 'Nowhere/T', name: index === 3 ? 'Q' : 'T', kind: 'resource' }] },
      ]);
      expect(Object.keys(run.results[index])).not.toContain('relatedLocations');
    }
    expect(run.results.map((r) => r.ruleIndex)).toEqual([0, 1, 0, 0, 2, 1, 1]);
  });

  test('waived violations are results too, suppressed with the waiver’s reason, scope and expiry', () => {
    const run = runOf(build());
    expect(run.results.slice(5).map((r) => r.suppressions)).toEqual([
      [{ kind: 'external', status: 'accepted', justification: 'legacy client (SEC-1) (waived on the app until 2030-01-01)' }],
      [{ kind: 'external', status: 'accepted', justification: 'legacy client (SEC-1) (waived on S until 2030-01-01)' }],
    ]);
    expect(run.results.slice(0, 5).map((r) => Object.keys(r).includes('suppressions'))).toEqual([false, false, false, false, false]);
  });

  test('fingerprints differ by rule, path and message', () => {
    const run = runOf(build());
    const fingerprints = run.results.map((r) => (r.partialFingerprints as Record<string, string>)['sfxViolation/v1']);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    const again = runOf(sarifReport({ ...result, violations: [{ ...withSource, fix: 'another fix' }], waived: [] }, {}));
    expect(again.results[0].partialFingerprints).toEqual({ 'sfxViolation/v1': '614f4656a2470550ffe2b61a7961bd40' });
  });
});

describe('sarifReport defaults', () => {
  test('without options: no source, no template in the assembly, so logical locations only; a passing run is successful', () => {
    const failing = runOf(sarifReport({ ...result, violations: [withSource], waived: undefined }, {}));
    expect(failing.results).toHaveLength(1);
    expect(failing.results[0].locations).toEqual([
      { logicalLocations: [{ fullyQualifiedName: 'S/Cache/Resource', name: 'Cache', kind: 'resource' }] },
    ]);
    expect(failing.invocations).toEqual([{ executionSuccessful: false }]);
    const passing = runOf(sarifReport({ ...result, violations: [], waived: [] }, {}));
    expect(passing.results).toEqual([]);
    expect(passing.invocations).toEqual([{ executionSuccessful: true }]);
    expect(passing.tool.driver.version).toBeUndefined();
  });

  test('the default template URI is the file itself, and checks that passed leave the run successful', () => {
    const passing = runOf(
      sarifReport({ ...result, violations: [], waived: [waivedOnApp] }, {}, undefined, {
        templateExists: (uri) => uri === 'S.template.json',
        checks: [{ name: 'AwsSolutions', outcome: 'pass', findings: 0 }],
      }),
    );
    expect(passing.invocations).toEqual([{ executionSuccessful: true }]);
    expect(passing.results[0].locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'S.template.json', uriBaseId: 'CDK_OUT' }, region: { startLine: 1 } },
        logicalLocations: [{ fullyQualifiedName: 'S/Db2', name: 'Db2', kind: 'resource' }],
      },
    ]);
  });

  test('only a leading SFX- is dropped from a rule name', () => {
    const acme = runOf(sarifReport({ ...result, rules: [rule('ACME-SFX-CHECK', 'medium', false)], violations: [], waived: [] }, {}));
    expect((acme.tool.driver.rules as { name: string }[]).map((r) => r.name)).toEqual(['AcmeSfxCheck']);
  });

  test('a failed check without findings, report or detail is named alone', () => {
    const run = runOf(
      sarifReport({ ...result, violations: [], waived: [] }, {}, undefined, { checks: [{ name: 'Custom', outcome: 'fail', findings: 0 }] }),
    );
    expect(run.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [{ level: 'error', message: { text: 'Custom failed after the SFX gate; synthesis left no template.' } }],
      },
    ]);
  });
});
