/**
 * The region SCP (rules/core/region-scp.ts) as committed in policies/: valid, current, and what
 * SFX-REGION's run-time mapping says. Pure data, no CDK: one of the fast tests Stryker runs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MANDATED_REGION, Region } from '../../../rules/region';
import {
  GLOBAL_SERVICE_EXEMPTIONS,
  REGION_SCP_FILE,
  SCP_MAX_CHARACTERS,
  regionDenyPolicy,
  regionDenyPolicyText,
} from '../../../rules/core/region-scp';

const REPO = path.join(__dirname, '..', '..', '..');

describe('the region SCP', () => {
  const text = fs.readFileSync(path.join(REPO, REGION_SCP_FILE), 'utf8');
  const policy = JSON.parse(text) as { Version: string; Statement: Record<string, unknown>[] };

  test('is the committed file npm run docs writes (two-space JSON and a final newline), named by SFX-REGION', () => {
    expect(REGION_SCP_FILE).toBe('policies/scp-region-eu-west-1.json');
    expect(text).toBe(regionDenyPolicyText(MANDATED_REGION));
    expect(regionDenyPolicyText(MANDATED_REGION)).toBe(`${JSON.stringify(regionDenyPolicy(MANDATED_REGION), undefined, 2)}\n`);
    expect(Region.runtime?.serviceControlPolicy?.document).toBe(REGION_SCP_FILE);
  });

  test('is a valid SCP: one Deny with NotAction on "*", under the 5,120-character limit, no Principal', () => {
    expect(SCP_MAX_CHARACTERS).toBe(5120);
    expect(text.length).toBeLessThanOrEqual(SCP_MAX_CHARACTERS);
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement).toHaveLength(1);
    const [statement] = policy.Statement;
    expect(Object.keys(statement).sort()).toEqual(['Condition', 'Effect', 'NotAction', 'Resource', 'Sid']);
    expect(statement.Effect).toBe('Deny');
    expect(statement.Resource).toBe('*');
    expect(statement.Sid).toBe('DenyAllOutsideMandatedRegion');
    const actions = statement.NotAction as string[];
    for (const action of actions) expect(action).toMatch(/^[a-z0-9-]+:(\*|[A-Za-z0-9]+\*?)$/);
    expect(new Set(actions).size).toBe(actions.length);
  });

  test("denies every region but the one given, exempting exactly AWS's global services", () => {
    const [statement] = policy.Statement;
    expect(statement.Condition).toEqual({ StringNotEquals: { 'aws:RequestedRegion': [MANDATED_REGION] } });
    expect(statement.NotAction).toEqual([...GLOBAL_SERVICE_EXEMPTIONS]);
    expect(regionDenyPolicy('eu-central-1')).toEqual({
      ...policy,
      Statement: [{ ...statement, Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-central-1'] } } }],
    });
    // The services whose single endpoint is in us-east-1 must be exempt, or the account cannot use them at all.
    expect(statement.NotAction).toEqual(expect.arrayContaining(['iam:*', 'sts:*', 'cloudfront:*', 'route53:*', 'organizations:*', 'support:*']));
    // Regional services of the blueprint are not.
    for (const regional of ['ec2:*', 'rds:*', 'elasticache:*', 'ecs:*', 's3:*', 'secretsmanager:*', 'lambda:*', 'logs:*'])
      expect(statement.NotAction).not.toContain(regional);
  });
});
