/**
 * compliance-report.sarif against the SARIF 2.1.0 JSON schema shipped in schemas/ (no fetch at
 * test time), and its content: one rule per SFX id, one result per violation located by
 * construct path and template line.
 */
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { ComplianceViolationError } from '../../../../aspects';
import { ALL_RULES } from '../../../../rules';
import { FAILING_RESOURCE, FAILING_STACK, REPORTS, buildFailingApp, readJson, synthBlueprint, synthFailingApp, tempOutdir } from './helpers';

const SCHEMA_FILE = path.join(__dirname, '..', '..', '..', '..', 'schemas', 'sarif-schema-2.1.0.json');

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string }; help: { text: string; markdown?: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } };
        logicalLocations: { fullyQualifiedName: string; name?: string }[];
      }[];
    }[];
  }[];
}

/**
 * The formats the schema uses. ajv-formats is not a dependency; these follow RFC 3339 and
 * RFC 3986 closely enough to catch a malformed value.
 */
function addSchemaFormats(ajv: Ajv2020): void {
  ajv.addFormat('uri', { type: 'string', validate: (value: string) => /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value) && URL.canParse(value) });
  ajv.addFormat('uri-reference', {
    type: 'string',
    validate: (value: string) => !/[\s<>"{}|\\^`]/.test(value) && URL.canParse(value, 'file:///base/'),
  });
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (value: string) =>
      /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)),
  });
  ajv.addFormat('uuid', { type: 'string', validate: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/ });
}

function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  // The shipped schema declares JSON Schema 2020-12: use ajv's 2020 dialect.
  expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addSchemaFormats(ajv);
  return ajv.compile(schema);
}

function expectValid(validate: ValidateFunction, log: unknown): void {
  const valid = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

let validate: ValidateFunction;
beforeAll(() => {
  validate = sarifValidator();
});

const helperLines = fs.readFileSync(path.join(__dirname, 'helpers.ts'), 'utf8').split('\n');

interface GithubRun {
  tool: {
    driver: {
      rules: {
        id: string;
        shortDescription?: { text: string };
        fullDescription?: { text: string };
        help?: { text: string };
        properties?: Record<string, unknown>;
      }[];
    };
  };
  originalUriBaseIds?: Record<string, { uri: string; uriBaseId?: string }>;
  results: {
    ruleId: string;
    partialFingerprints?: Record<string, string>;
    locations?: { physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } } }[];
    relatedLocations?: { id?: number; physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string } } }[];
  }[];
}

/**
 * GitHub's documented requirements for uploaded SARIF (docs.github.com, "SARIF support for code
 * scanning"): a rule entry with descriptions, help and a security-severity for every ruleId; every
 * result with at most 1000 locations, a physical location whose URI is relative to the checkout
 * and names a uriBaseId (absolute or file: URIs do not match files of the repository), a start line,
 * and partialFingerprints so that alerts keep their identity across commits.
 */
function expectGithubReady(run: GithubRun): void {
  const rules = new Map(run.tool.driver.rules.map((rule) => [rule.id, rule]));
  for (const rule of rules.values()) {
    expect(rule.shortDescription?.text).toMatch(/\S/);
    expect(rule.fullDescription?.text).toMatch(/\S/);
    expect(rule.help?.text).toMatch(/\S/);
    expect(String(rule.properties?.['security-severity'])).toMatch(/^\d+(\.\d)?$/);
  }
  const bases = new Set(['%SRCROOT%', ...Object.keys(run.originalUriBaseIds ?? {})]);
  for (const result of run.results) {
    expect(rules.has(result.ruleId)).toBe(true);
    expect(Object.keys(result.partialFingerprints ?? {}).length).toBeGreaterThan(0);
    expect(result.locations?.length).toBeGreaterThan(0);
    expect(result.locations!.length).toBeLessThanOrEqual(1000);
    for (const location of [...(result.locations ?? []), ...(result.relatedLocations ?? [])]) {
      const artifact = location.physicalLocation!.artifactLocation;
      expect(artifact.uri).not.toMatch(/^([a-z]+:|\/)/i);
      expect(bases.has(artifact.uriBaseId ?? '')).toBe(true);
    }
    for (const location of result.locations ?? []) expect(location.physicalLocation!.region!.startLine).toBeGreaterThan(0);
  }
}

describe('the shipped schema', () => {
  test('rejects logs that break SARIF 2.1.0', () => {
    expect(validate({ version: '2.1.0', runs: [] })).toBe(true);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false); // driver.name is required
    expect(validate({ version: '2.1.0', runs: [], unknownTopLevel: true })).toBe(false);
    expect(
      validate({
        version: '2.1.0',
        runs: [
          { tool: { driver: { name: 't' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { region: { startLine: 0 } } }] }] },
        ],
      }),
    ).toBe(false); // startLine is 1-based
  });
});

describe('passing blueprint synth', () => {
  let log: SarifLog;
  beforeAll(() => {
    log = readJson<SarifLog>(synthBlueprint(), REPORTS.sarif);
  });

  test('validates against the SARIF 2.1.0 schema', () => {
    expectValid(validate, log);
  });

  test('one rule per SFX id, with a description and help text', () => {
    const { driver } = log.runs[0].tool;
    expect(driver.name).toBe('sfx-compliance-gate');
    expect(driver.rules.map((rule) => rule.id)).toEqual(ALL_RULES.map((rule) => rule.id));
    for (const rule of driver.rules) {
      const source = ALL_RULES.find((r) => r.id === rule.id)!;
      expect(rule.shortDescription.text).toBe(source.title);
      expect(rule.help.text).toContain(source.remediation);
      expect(rule.help.markdown).toContain(source.remediation);
    }
  });

  test('no results', () => {
    expect(log.runs[0].results).toEqual([]);
  });
});

describe('failing synth', () => {
  let log: SarifLog;
  let error: ComplianceViolationError;
  /** The failing app's template as CDK writes it, from the same app synthesized without the gate. */
  let templateLines: string[];

  beforeAll(() => {
    const failed = synthFailingApp();
    error = failed.error;
    log = readJson<SarifLog>(failed.outdir, REPORTS.sarif);
    const ungated = tempOutdir();
    buildFailingApp(ungated, false).synth();
    templateLines = fs.readFileSync(path.join(ungated, `${FAILING_STACK}.template.json`), 'utf8').split('\n');
  });

  test('validates against the SARIF 2.1.0 schema', () => {
    expectValid(validate, log);
  });

  test('one result per violation, pointing at its rule', () => {
    const { results, tool } = log.runs[0];
    expect(results).toHaveLength(error.violations.length);
    results.forEach((result, index) => {
      const violation = error.violations[index];
      expect(result.ruleId).toBe(violation.ruleId);
      expect(tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.level).toBe('error');
      expect(result.message.text).toContain(violation.message);
    });
  });

  test('each result points at the TypeScript line that created the construct, relative to %SRCROOT%', () => {
    const [result] = log.runs[0].results;
    const violation = error.violations[0];
    expect(violation.path).toBe(FAILING_RESOURCE);
    const [location] = result.locations;
    expect(location.logicalLocations[0]).toMatchObject({ fullyQualifiedName: FAILING_RESOURCE, name: violation.logicalId });
    const { artifactLocation, region } = location.physicalLocation;
    expect(artifactLocation).toEqual({ uri: 'test/compliance/gate/reports/helpers.ts', uriBaseId: '%SRCROOT%' });
    expect(helperLines[region.startLine - 1]).toContain("new elasticache.CfnReplicationGroup(stack, 'Redis'");
  });

  test('no template location: a failed synth leaves no template to point at', () => {
    const [result] = log.runs[0].results as { relatedLocations?: unknown[] }[];
    expect(result.relatedLocations).toBeUndefined();
    expect(JSON.stringify(log)).not.toContain('.template.json');
  });

  test('meets what GitHub code scanning requires: relative URIs with a uriBaseId, fingerprints, rule metadata', () => {
    const run = log.runs[0] as unknown as GithubRun;
    expectGithubReady(run);
    expect(templateLines.length).toBeGreaterThan(0);
  });
});

describe('failing synth of a stack inside a Stage', () => {
  const STAGE = 'Prod';
  let log: SarifLog;
  let error: ComplianceViolationError;
  let ungated: string;

  beforeAll(() => {
    const failed = synthFailingApp(STAGE);
    error = failed.error;
    log = readJson<SarifLog>(failed.outdir, REPORTS.sarif);
    ungated = tempOutdir();
    buildFailingApp(ungated, false, STAGE).synth();
  });

  test('validates against the SARIF 2.1.0 schema', () => {
    expectValid(validate, log);
  });

  test('the result points at the source line inside the Stage too, and at no template', () => {
    const [result] = log.runs[0].results;
    expect(error.violations[0].path).toBe(`${STAGE}/${FAILING_RESOURCE}`);
    expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe(`${STAGE}/${FAILING_RESOURCE}`);
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    expect(artifactLocation).toEqual({ uri: 'test/compliance/gate/reports/helpers.ts', uriBaseId: '%SRCROOT%' });
    expect(helperLines[region.startLine - 1]).toContain("new elasticache.CfnReplicationGroup(stack, 'Redis'");
    expect(fs.readdirSync(ungated).some((f) => f.startsWith('assembly-'))).toBe(true);
  });
});
