/** rules/core/iam-allowlist.ts: each reviewed decision names actions AWS defines, needs a decision and says why. */
import { expandIamActions } from '@cloud-copilot/iam-expand';
import { expandAction, supportsNoResourceLevelPermissions } from '../../../rules/core/aws-actions';
import { ACTIONS_ALLOWED_ON_ANY_RESOURCE, APPROVED_ACTION_PATTERNS, FORBIDDEN_AWS_MANAGED_POLICIES } from '../../../rules/core/iam-allowlist';
import { iamPatternMatches } from '../../../rules/core/iam-documents';

const ENTRIES = [...ACTIONS_ALLOWED_ON_ANY_RESOURCE, ...APPROVED_ACTION_PATTERNS];

test.each(ENTRIES.map((e) => e.action))('the entry %s names actions AWS defines, as iam-expand expands them', async (action) => {
  // iam-expand is the reference for what a pattern grants; the gate's synchronous expansion must agree.
  const expanded = await expandIamActions(action, { errorOnInvalidService: false });
  expect(expanded.length).toBeGreaterThan(0);
  expect(
    expandAction(action)
      .map((a) => a.name.toLowerCase())
      .sort(),
  ).toEqual(expanded.map((a) => a.toLowerCase()).sort());
});

test.each(ACTIONS_ALLOWED_ON_ANY_RESOURCE.map((e) => e.action))('%s is a decision: AWS lists resource types for it', (action) => {
  expect(supportsNoResourceLevelPermissions(action)).toBe(false);
});

test('no entry can accept iam:PassRole on "*"', () => {
  expect(ACTIONS_ALLOWED_ON_ANY_RESOURCE.filter((e) => iamPatternMatches(e.action, 'iam:PassRole'))).toEqual([]);
});

test('every entry gives a reason', () => {
  expect(ENTRIES.filter((entry) => entry.reason.length <= 20)).toEqual([]);
});

test('an entry naming an action AWS does not define would be caught', async () => {
  expect(expandAction('ecr:GetAuthorisationToken')).toEqual([]);
  expect(await expandIamActions('ecr:GetAuthorisationToken', { errorOnInvalidService: false })).toEqual([]);
});

describe('FORBIDDEN_AWS_MANAGED_POLICIES: the first entry a policy name matches gives the reason', () => {
  const reasonFor = (name: string) => FORBIDDEN_AWS_MANAGED_POLICIES.find((entry) => entry.pattern.test(name))?.reason;

  test('the job-function administrator policies, by their whole name; a name that only ends in one is a service administrator policy', () => {
    expect(reasonFor('NetworkAdministrator')).toBe('Job-function administrator policies.');
    expect(reasonFor('AWSNetworkAdministrator')).toMatch(/^A service's administrator policy named without a suffix/);
  });

  test('full access in all but name, by the whole name only', () => {
    expect(reasonFor('AmazonSSMAutomationRole')).toMatch(/^Full access in all but name/);
    expect(reasonFor('secretsmanagerreadwrite')).toMatch(/^Full access in all but name/);
    expect(reasonFor('CustomAmazonSSMAutomationRole')).toBeUndefined();
    expect(reasonFor('AmazonSSMAutomationRoleView')).toBeUndefined();
  });
});
