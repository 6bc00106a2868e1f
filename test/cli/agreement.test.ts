/**
 * sfx-check and the synth-time gate give the same verdicts: every template fixture of the repo
 * (the gate's CfnInclude fixtures and sfx-check's hand-written YAML) judged by both, and the
 * blueprint's written templates judged by sfx-check after the gate passed them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnElement, NestedStack, Stack } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import * as include from 'aws-cdk-lib/cloudformation-include';
import { applyCompliance } from '../../aspects';
import { GateViolation } from '../../aspects/violation-error';
import { ALL_RULES } from '../../rules';
import { checkTemplates } from '../../cli/check';
import { loadTemplate } from '../../cli/load-template';
import { inlineLocalIncludes } from '../../cli/local-templates';
import { loadParameters } from '../../cli/parameters';
import { newApp, synthApp } from '../compliance/helpers';
import { synthBlueprint } from '../compliance/gate/reports/helpers';

const REPO = path.join(__dirname, '..', '..');
const GATE_FIXTURES = path.join(REPO, 'test', 'compliance', 'fixtures');
const CLI_FIXTURES = path.join(__dirname, 'fixtures');

/** Every template fixture in the repository (snippets and parameter files are not templates). */
const FIXTURES = [
  ...fs
    .readdirSync(GATE_FIXTURES)
    .filter((f) => /\.(json|ya?ml)$/.test(f))
    .map((f) => path.join(GATE_FIXTURES, f)),
  ...fs
    .readdirSync(CLI_FIXTURES)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join(CLI_FIXTURES, f)),
  path.join(CLI_FIXTURES, 'nested', 'parent.yaml'),
];

/** What a verdict is, whoever reaches it: the rule, the resource (or the stack), what is wrong and the fix. */
function verdicts(violations: readonly GateViolation[]): string[] {
  return violations.map((v) => `[${v.ruleId}] ${v.logicalId ?? '(stack)'}: ${v.message} Fix: ${v.fix}`).sort();
}

/** Fixtures CfnInclude refuses (macros, modules, Fn::Transform): the gate gets their sections as one raw element. */
const CFN_INCLUDE_REFUSES = new Set(['visibility.yaml']);

/** A template's sections rendered as they are, the way any CfnElement may render Resources of its own. */
class RawTemplate extends CfnElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly sections: Record<string, unknown>,
  ) {
    super(scope, id);
  }

  _toCloudFormation(): object {
    return this.sections;
  }
}

/** The gate's verdicts on `file` brought into a CDK app with CfnInclude, in the region sfx-check found for it. */
function gateVerdicts(file: string, region: string | undefined, parameters?: Record<string, string>): string[] {
  const app = newApp();
  const stack = new Stack(app, 'S', region ? { env: { region } } : {});
  let templateFile = file;
  const text = fs.readFileSync(file, 'utf8');
  // CfnInclude cannot read a local AWS::Include: give the gate the content sfx-check includes.
  if (text.includes('AWS::Include') && text.includes('Location: ./')) {
    templateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-include-')), 'inlined.json');
    fs.writeFileSync(templateFile, JSON.stringify(inlineLocalIncludes(loadTemplate(file).template, file)));
  }
  if (CFN_INCLUDE_REFUSES.has(path.basename(file))) {
    const sections = Object.entries(loadTemplate(file).template).filter(([key]) => key !== 'AWSTemplateFormatVersion' && key !== 'Description');
    new RawTemplate(stack, 'Raw', Object.fromEntries(sections));
    applyCompliance(app);
    return verdicts(synthApp(app)?.violations ?? []);
  }
  const loadNestedStacks: Record<string, include.CfnIncludeProps> = {};
  for (const [id, resource] of Object.entries(
    loadTemplate(file).template.Resources as Record<string, { Type: string; Properties?: { TemplateURL?: string } }>,
  )) {
    const url = resource.Properties?.TemplateURL;
    if (resource.Type === 'AWS::CloudFormation::Stack' && url?.startsWith('./'))
      loadNestedStacks[id] = { templateFile: path.join(path.dirname(file), url) };
  }
  new include.CfnInclude(stack, 'Include', { templateFile, loadNestedStacks, parameters });
  applyCompliance(app);
  return verdicts(synthApp(app)?.violations ?? []);
}

describe('sfx-check agrees with the gate on every template fixture', () => {
  test.each(FIXTURES.map((file) => [path.relative(REPO, file), file]))('%s', (_name, file) => {
    const cli = checkTemplates([file], { region: 'eu-west-1' });
    const expected = gateVerdicts(file, cli.templates[0].target.region);
    expect(verdicts(cli.result.violations)).toEqual(expected);
    // The comparison means something only where there is something to compare.
    if (!file.endsWith('ordinary-template.json')) expect(expected.length).toBeGreaterThan(0);
  });

  test('with a parameters file: the same verdict as the gate given those values (compliant here)', () => {
    const file = path.join(CLI_FIXTURES, 'parameters.yaml');
    const parametersFile = path.join(CLI_FIXTURES, 'parameters.json');
    const values = Object.fromEntries([...loadParameters(parametersFile)].map(([key, value]) => [key, value!]));
    const cli = checkTemplates([file], { region: 'eu-west-1', parametersFile });
    expect(verdicts(cli.result.violations)).toEqual(gateVerdicts(file, 'eu-west-1', values));
    expect(cli.result.violations).toEqual([]);
  });

  test('the hand-written YAML fixtures hold violations of every SFX rule', () => {
    const cli = checkTemplates(
      FIXTURES.filter((file) => file.startsWith(CLI_FIXTURES)),
      { region: 'eu-west-1' },
    );
    const fired = new Set(cli.result.violations.map((v) => v.ruleId));
    expect(ALL_RULES.map((rule) => rule.id).filter((id) => !fired.has(id))).toEqual([]);
  });
});

describe('a CDK nested stack in a cloud assembly', () => {
  /** A stack in eu-west-1 with a nested stack holding an unencrypted database. */
  function build(app: App): void {
    const parent = new Stack(app, 'Parent', { env: { region: 'eu-west-1' } });
    const nested = new NestedStack(parent, 'Data');
    new rds.CfnDBInstance(nested, 'Db', {
      engine: 'mysql',
      dbInstanceClass: 'db.t4g.medium',
      allocatedStorage: '20',
      masterUsername: 'app',
      manageMasterUserPassword: true,
      storageEncrypted: false,
      multiAz: true,
      publiclyAccessible: false,
      dbSubnetGroupName: 'isolated',
    });
  }

  test("is judged through the asset manifest, with the gate's verdict, also when cdk.out/*.template.json names it", () => {
    const written = newApp();
    build(written);
    const outdir = written.synth().directory; // ungated, so that the templates are written
    const files = fs
      .readdirSync(outdir)
      .filter((f) => f.endsWith('.template.json'))
      .map((f) => path.join(outdir, f));
    expect(files.some((f) => f.endsWith('.nested.template.json'))).toBe(true);
    const cli = checkTemplates(files);
    const gated = newApp();
    build(gated);
    applyCompliance(gated);
    const expected = verdicts(synthApp(gated)?.violations ?? []);
    expect(expected).toEqual([expect.stringMatching(/^\[SFX-RDS-AT-REST\] Db: StorageEncrypted is false/)]);
    expect(verdicts(cli.result.violations)).toEqual(expected);
    expect(cli.templates.map((t) => t.facts.kind)).toEqual(['stack', 'nested']);
  });
});

describe("sfx-check on the blueprint's written templates", () => {
  let outdir: string;
  let templates: string[];
  beforeAll(() => {
    outdir = synthBlueprint();
    templates = fs
      .readdirSync(outdir)
      .filter((f) => f.endsWith('.template.json'))
      .map((f) => path.join(outdir, f));
  });

  test('finds them compliant, as the gate did, judging the same resources under the same rules', () => {
    const cli = checkTemplates(templates);
    expect(cli.result.violations).toEqual([]);
    // The region of each comes from the cloud assembly (stacks) or the template's region guard (the product).
    expect(cli.templates.map((t) => t.target.region)).toEqual(templates.map(() => 'eu-west-1'));
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'compliance-report.json'), 'utf8')) as {
      evaluations: { ruleId: string; logicalId: string | null; resourceType: string }[];
    };
    const judged = (evaluations: readonly { ruleId: string; logicalId?: string | null; resourceType: string }[]) =>
      evaluations
        .filter((e) => e.logicalId)
        .map((e) => `${e.ruleId} ${e.resourceType} ${e.logicalId}`)
        .sort();
    expect(judged(cli.result.evaluations)).toEqual(judged(report.evaluations));
  });

  test('and finds a violation written into one of them', () => {
    const file = templates.find((f) => path.basename(f) === 'StreamFlix.template.json')!;
    const template = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const [id, cache] = Object.entries(template.Resources).find(([, r]) => r.Type === 'AWS::ElastiCache::ReplicationGroup')!;
    cache.Properties.AtRestEncryptionEnabled = false;
    const broken = path.join(outdir, 'Broken.template.json');
    fs.writeFileSync(broken, JSON.stringify(template));
    const cli = checkTemplates([broken], { region: 'eu-west-1' });
    expect(verdicts(cli.result.violations)).toEqual([
      `[SFX-REDIS-AT-REST] ${id}: AtRestEncryptionEnabled is false Fix: set AtRestEncryptionEnabled to true`,
    ]);
  });
});
