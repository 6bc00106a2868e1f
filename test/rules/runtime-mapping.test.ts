/**
 * The run-time mapping of every SFX control: its data and the Config rules the catalog stack deploys
 * for it. The region SCP itself is tested without CDK in core/region-scp.test.ts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ALL_RULES } from '../../rules';
import { MANDATED_REGION } from '../../rules/region';
import { REGION_SCP_FILE } from '../../rules/core/region-scp';
import { StreamFlixCatalogStack } from '../../lib/catalog';
import { CONFIG_RULES_CONTEXT_KEY, SfxConfigRules } from '../../lib/catalog/sfx-config-rules';

const REPO = path.join(__dirname, '..', '..');

/** A catalog stack whose product snapshots go to a temporary directory, never the committed one. */
function catalogStack(app: App): StreamFlixCatalogStack {
  return new StreamFlixCatalogStack(app, 'Catalog', {
    env: { region: MANDATED_REGION },
    snapshotDirectory: fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-runtime-')),
  });
}

describe('every SFX control states what acts on it after deployment', () => {
  test.each(ALL_RULES.map((rule) => [rule.id, rule]))('%s', (_id, rule) => {
    expect(rule.runtime).toBeDefined();
    const { configRules, serviceControlPolicy, limits } = rule.runtime!;
    // What the run-time controls cannot see (or, with none, why there are none) is always said.
    expect(limits.length).toBeGreaterThan(40);
    for (const { rule: managed, covers } of configRules) {
      expect(managed.identifier).toMatch(/^[A-Z0-9_]+$/);
      expect(managed.name).toMatch(/^[a-z0-9-]+$/);
      expect(managed.resourceTypes.length).toBeGreaterThan(0);
      for (const type of managed.resourceTypes) expect(type).toMatch(/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/);
      expect(covers.length).toBeGreaterThan(10);
    }
    if (serviceControlPolicy) expect(fs.existsSync(path.join(REPO, serviceControlPolicy.document))).toBe(true);
  });

  test('the mandated encryption, Multi-AZ and IAM controls map to the Config rules AWS documents for them', () => {
    const ids = (id: string) => ALL_RULES.find((r) => r.id === id)!.runtime!.configRules.map((c) => c.rule.identifier);
    expect(ids('SFX-REDIS-AT-REST')).toEqual(['ELASTICACHE_REPL_GRP_ENCRYPTED_AT_REST']);
    expect(ids('SFX-REDIS-IN-TRANSIT')).toEqual(['ELASTICACHE_REPL_GRP_ENCRYPTED_IN_TRANSIT']);
    expect(ids('SFX-RDS-AT-REST')).toEqual(['RDS_STORAGE_ENCRYPTED', 'RDS_CLUSTER_ENCRYPTED_AT_REST']);
    expect(ids('SFX-MULTI-AZ')).toEqual(expect.arrayContaining(['RDS_MULTI_AZ_SUPPORT', 'RDS_CLUSTER_MULTI_AZ_ENABLED']));
    expect(ids('SFX-IAM-LEAST-PRIVILEGE')).toEqual(expect.arrayContaining(['IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS']));
    expect(ALL_RULES.find((r) => r.id === 'SFX-REGION')!.runtime!.serviceControlPolicy?.document).toBe(REGION_SCP_FILE);
  });
});

describe('the catalog stack deploys the Config rules of every SFX control that has them', () => {
  const app = new App();
  const stack = catalogStack(app);
  const template = Template.fromStack(stack);
  const configRules = template.findResources('AWS::Config::ConfigRule');
  const bySource = new Map(
    Object.values(configRules).map((r) => [
      (r.Properties as { Source: { SourceIdentifier: string } }).Source.SourceIdentifier,
      r.Properties as Record<string, unknown>,
    ]),
  );
  const mapped = ALL_RULES.flatMap((rule) => (rule.runtime?.configRules ?? []).map((c) => ({ sfx: rule.id, managed: c.rule })));

  test.each(mapped.map((m) => [`${m.sfx} → ${m.managed.identifier}`, m]))('%s', (_name, { managed }) => {
    const properties = bySource.get(managed.identifier);
    expect(properties).toBeDefined();
    expect(properties!.Source).toEqual({ Owner: 'AWS', SourceIdentifier: managed.identifier });
    if (managed.trigger === 'periodic') {
      expect(properties!.Scope).toBeUndefined();
      expect(properties!.MaximumExecutionFrequency).toBe('TwentyFour_Hours');
    } else {
      expect(properties!.Scope).toEqual({ ComplianceResourceTypes: [...managed.resourceTypes] });
    }
    const parameters = Object.fromEntries(Object.entries(managed.parameters ?? {}).map(([k, v]) => [k, String(v)]));
    if (Object.keys(parameters).length > 0) expect(properties!.InputParameters).toEqual(parameters);
    else expect(properties!.InputParameters).toBeUndefined();
  });

  test('one Config rule per managed rule, nothing else', () => {
    expect([...bySource.keys()].sort()).toEqual([...new Set(mapped.map((m) => m.managed.identifier))].sort());
  });

  test('privileged role exceptions go to iam-policy-blacklisted-check; the context key switches the rules off', () => {
    const off = new Stack(new App({ context: { [CONFIG_RULES_CONTEXT_KEY]: false } }), 'Off', { env: { region: MANDATED_REGION } });
    new SfxConfigRules(off, 'RuntimeControls');
    Template.fromStack(off).resourceCountIs('AWS::Config::ConfigRule', 0);
    const on = new Stack(new App(), 'On', { env: { region: MANDATED_REGION } });
    new SfxConfigRules(on, 'RuntimeControls', {
      privilegedRoleNames: ['cdk-hnb659fds-cfn-exec-role-111111111111-eu-west-1', 'AWSControlTowerExecution'],
    });
    const blocked = Object.values(Template.fromStack(on).findResources('AWS::Config::ConfigRule'))
      .map((r) => r.Properties as { Source: { SourceIdentifier: string }; InputParameters?: Record<string, string> })
      .filter((p) => p.Source.SourceIdentifier === 'IAM_POLICY_BLACKLISTED_CHECK');
    expect(blocked.map((p) => p.InputParameters!.exceptionList)).toEqual([
      'roles:[cdk-hnb659fds-cfn-exec-role-111111111111-eu-west-1;AWSControlTowerExecution]',
    ]);
  });
});
