/**
 * The `sfx-check` command: exit codes, the gate's line format and reports, one-line errors for
 * unusable input, parameters, regions, and the launcher run as `npx` runs it.
 */
import Ajv2020 from 'ajv/dist/2020';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../cli/command';

const REPO = path.join(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, 'fixtures');
const fixture = (name: string) => path.relative(process.cwd(), path.join(FIXTURES, name));
const ORDINARY = path.relative(process.cwd(), path.join(REPO, 'test', 'compliance', 'fixtures', 'ordinary-template.json'));

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(argv, {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
  });
  return { code, out, err };
}

let scratch: string;
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-check-'));
});

/** A template file in the scratch directory. */
function write(name: string, text: string): string {
  const file = path.join(scratch, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

describe('exit codes and output', () => {
  test('0 and nothing on stdout for a compliant template', () => {
    const { code, out, err } = run('--region', 'eu-west-1', ORDINARY);
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(err).toMatch(/^sfx-check: compliant: 1 template\(s\), \d+ evaluations\n$/);
  });

  test("1 and the gate's one-line violations: [id] <template>/<logical id>: what. Fix: how.", () => {
    const { code, out } = run('--region', 'eu-west-1', fixture('cache.yaml'));
    expect(code).toBe(1);
    const lines = out.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line).toMatch(/^\[SFX-[A-Z-]+\] test\/cli\/fixtures\/cache\.yaml\/[A-Za-z0-9]+: \S.*\. Fix: \S.*\.$/);
    expect(lines).toContain(
      '[SFX-REDIS-IN-TRANSIT] test/cli/fixtures/cache.yaml/Sessions: TransitEncryptionMode is "preferred". Fix: set TransitEncryptionMode to "required".',
    );
  });

  test('a template that names no region is environment-agnostic (SFX-REGION), with a hint to pass --region', () => {
    const { code, out, err } = run(ORDINARY);
    expect(code).toBe(1);
    expect(out).toContain('[SFX-REGION] test/compliance/fixtures/ordinary-template.json: the stack is environment-agnostic');
    expect(err).toContain('names no region');
  });

  test('--region does not override a region the template names itself (a Rules region guard)', () => {
    const { out } = run('--region', 'eu-west-1', fixture('region.yaml'));
    expect(out).toContain('[SFX-REGION] test/cli/fixtures/region.yaml: the stack deploys to us-east-1, not eu-west-1.');
  });

  test('--help', () => {
    expect(run('--help')).toMatchObject({ code: 0, out: expect.stringContaining('usage: sfx-check') });
  });
});

describe("--format gives the gate's reports", () => {
  test('json: the compliance report, with the same violations as the lines', () => {
    const { code, out } = run('--region', 'eu-west-1', '--format', 'json', fixture('database.yaml'));
    expect(code).toBe(1);
    const report = JSON.parse(out) as { outcome: string; violations: { ruleId: string; path: string }[]; rules: { id: string }[] };
    expect(report.outcome).toBe('fail');
    expect(report.violations.map((v) => `${v.ruleId} ${v.path}`)).toEqual(
      run('--region', 'eu-west-1', fixture('database.yaml'))
        .out.trimEnd()
        .split('\n')
        .map((l) => l.replace(/^\[(\S+)\] (\S+): .*$/, '$1 $2')),
    );
    expect(report.rules.length).toBe(10);
  });

  test('markdown: the gate summary', () => {
    const { out } = run('--region', 'eu-west-1', '--format=markdown', fixture('iam.yaml'));
    expect(out).toMatch(/^# SFX compliance gate: FAIL\n/);
    expect(out).toContain('- [SFX-IAM-LEAST-PRIVILEGE] test/cli/fixtures/iam.yaml/Passer:');
  });

  test("sarif: valid SARIF 2.1.0 whose locations are the checked file and the resource's line in it", () => {
    const { out } = run('--region', 'eu-west-1', '--format', 'sarif', fixture('cache.yaml'), fixture('nested/parent.yaml'));
    const log = JSON.parse(out) as {
      runs: {
        results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
      }[];
    };
    const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    expect(ajv.validate(schema, log) ? [] : ajv.errors).toEqual([]);
    const at = (result: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) => {
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      return fs.readFileSync(artifactLocation.uri, 'utf8').split('\n')[region.startLine - 1];
    };
    const results = log.runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(at(result)).toMatch(/^ {2}[A-Za-z0-9]+:$/);
    // The nested stack's violation points into the child template.
    expect(results.some((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'test/cli/fixtures/nested/child.yaml')).toBe(true);
  });
});

describe('2: unusable input, one line naming the file and the problem', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['a file that does not exist', () => ['missing.yaml'], /^sfx-check: missing\.yaml: no such file$/],
    ['malformed YAML', () => [write('bad.yaml', 'Resources:\n  A: [unclosed\n')], /bad\.yaml: not a valid YAML template \(line \d+\): /],
    ['malformed JSON', () => [write('bad.json', '{"Resources": {"A": {"Type": "AWS::SQS::Queue"}}')], /bad\.json: not valid JSON( \(line \d+\))?: /],
    [
      'an unknown short-form tag',
      () => [write('tag.yaml', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Reference X\n')],
      /tag\.yaml: not a valid YAML template .*!Reference/,
    ],
    [
      'a key given twice (read two ways)',
      () => [
        write(
          'dup.json',
          '{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"StorageEncrypted": true, "StorageEncrypted": false}}}}',
        ),
      ],
      /dup\.json: line 1: the key "StorageEncrypted" appears twice/,
    ],
    [
      'a template without Resources',
      () => [write('empty.yaml', 'Description: nothing\n')],
      /empty\.yaml: CloudFormation would reject this template: the template has no Resources/,
    ],
    [
      'an unknown section',
      () => [write('section.yaml', 'Resource:\n  Q:\n    Type: AWS::SQS::Queue\n')],
      /section\.yaml: CloudFormation would reject this template: unknown template section\(s\) Resource/,
    ],
    [
      'a Ref to nothing',
      () => [write('ref.yaml', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref Nowhere\n')],
      /ref\.yaml: CloudFormation would reject this template: Resources\.Q\.Properties\.QueueName: Ref to "Nowhere"/,
    ],
    ['a list, not a template', () => [write('list.yaml', '- a\n- b\n')], /list\.yaml: not a CloudFormation template/],
    [
      'a parameter value outside AllowedValues',
      () => ['--parameters', write('p1.json', '[{"ParameterKey": "AtRestEncryption", "ParameterValue": "maybe"}]'), fixture('parameters.yaml')],
      /p1\.json: parameter AtRestEncryption = "maybe" is not one of its AllowedValues \(true, false\), so CloudFormation would reject it$/,
    ],
    [
      'a parameter value that breaks AllowedPattern',
      () => ['--parameters', write('p2.json', '[{"ParameterKey": "NodeType", "ParameterValue": "big"}]'), fixture('parameters.yaml')],
      /p2\.json: parameter NodeType = "big" does not match its AllowedPattern/,
    ],
    [
      'a parameter the template does not declare',
      () => ['--parameters', write('p3.json', '[{"ParameterKey": "Nope", "ParameterValue": "1"}]'), fixture('parameters.yaml')],
      /p3\.json: parameter\(s\) Nope not declared/,
    ],
    [
      'a parameters file in another format',
      () => ['--parameters', write('p4.json', '{"Parameters": {"A": "b"}}'), fixture('parameters.yaml')],
      /p4\.json: not a parameters file/,
    ],
    [
      'a local nested template that does not exist',
      () => [write('nest.yaml', 'Resources:\n  N:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./gone.yaml\n')],
      /nest\.yaml: a nested stack's TemplateURL names the local file .*gone\.yaml, which does not exist/,
    ],
    [
      'a nested stack that nests itself',
      () => [write('loop.yaml', 'Resources:\n  N:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./loop.yaml\n')],
      /loop\.yaml: nested stack N .* nests its own template/,
    ],
    ['an unknown option', () => ['--regoin', 'eu-west-1', ORDINARY], /^sfx-check: unknown option --regoin/],
    ['a --region that is no region name', () => ['--region', 'EU-West-1', ORDINARY], /^sfx-check: --region EU-West-1 is not an AWS region name/],
    [
      'a good template beside an unusable one: unusable input wins, no verdict',
      () => ['--region', 'eu-west-1', ORDINARY, 'missing.yaml'],
      /^sfx-check: missing\.yaml: no such file$/,
    ],
    ['an unknown format', () => ['--format', 'xml', ORDINARY], /unknown --format xml/],
    ['no template', () => [], /no template given/],
  ];
  test('a whole resource from an AWS::Include of S3 is an SFX-TEMPLATE-VISIBLE finding, not unusable input', () => {
    const template = write(
      'include-resource.yaml',
      'Resources:\n  Queue:\n    Fn::Transform:\n      Name: AWS::Include\n      Parameters:\n        Location: s3://templates-bucket/queue.yaml\n',
    );
    const { code, out } = run('--region', 'eu-west-1', template);
    expect(code).toBe(1);
    expect(out).toMatch(/^\[SFX-TEMPLATE-VISIBLE\] \S*include-resource\.yaml\/Queue: a property uses Fn::Transform/);
  });

  test.each(cases)('%s', (_name, argv, message) => {
    const { code, out, err } = run(...argv());
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.endsWith('\n')).toBe(true);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err.trimEnd()).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
  });
});

describe('parameters: fail closed exactly as the gate', () => {
  test('without values, a parameter is what its AllowedValues or range prove', () => {
    const { code, out } = run('--region', 'eu-west-1', fixture('parameters.yaml'));
    expect(code).toBe(1);
    expect(out).toContain('AtRestEncryptionEnabled comes from parameter AtRestEncryption, which allows "false"');
    expect(out).toContain('NumCacheClusters comes from parameter Replicas, whose range allows values that are not at least 2');
  });

  test('values given settle them', () => {
    expect(run('--region', 'eu-west-1', '--parameters', fixture('parameters.json'), fixture('parameters.yaml')).code).toBe(0);
  });

  test('a non-compliant value given is a violation, and UsePreviousValue leaves the parameter unknown', () => {
    const bad = write(
      'p5.json',
      '[{"ParameterKey": "AtRestEncryption", "ParameterValue": "false"}, {"ParameterKey": "Replicas", "UsePreviousValue": true}, {"ParameterKey": "NodeType", "ParameterValue": "cache.t4g.small"}]',
    );
    const { code, out } = run('--region', 'eu-west-1', '--parameters', bad, fixture('parameters.yaml'));
    expect(code).toBe(1);
    expect(out).toContain('AtRestEncryptionEnabled comes from parameter AtRestEncryption, which allows "false"');
    expect(out).toContain('parameter Replicas');
  });

  test('a Default is not a value: whoever deploys may override it', () => {
    const template = write(
      'default.yaml',
      'Parameters:\n  Enc:\n    Type: String\n    Default: "true"\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      DBInstanceClass: db.t4g.medium\n      AllocatedStorage: "20"\n      MasterUsername: app\n      ManageMasterUserPassword: true\n      StorageEncrypted: !Ref Enc\n      MultiAZ: true\n      PubliclyAccessible: false\n      DBSubnetGroupName: isolated\n',
    );
    const { code, out } = run('--region', 'eu-west-1', template);
    expect(code).toBe(1);
    expect(out).toContain('StorageEncrypted is not a literal (it is CloudFormation parameter Enc without AllowedValues, chosen at deploy time)');
  });
});

describe('templates judged together', () => {
  /** A DB whose security group is the export shared-db-sg. */
  const IMPORTER =
    'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      DBInstanceClass: db.t4g.medium\n      AllocatedStorage: "20"\n      MasterUsername: app\n      ManageMasterUserPassword: true\n      StorageEncrypted: true\n      MultiAZ: true\n      PubliclyAccessible: false\n      DBSubnetGroupName: isolated\n      VPCSecurityGroups: [!ImportValue shared-db-sg]\n';

  test("follow each other's exports, as stacks of one CDK app do in the gate", () => {
    const exporter = write(
      'shared/exporter.yaml',
      'Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: open\n      VpcId: vpc-0123456789abcdef0\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 0.0.0.0/0 }\nOutputs:\n  SgId:\n    Value: !GetAtt Sg.GroupId\n    Export: { Name: shared-db-sg }\n',
    );
    const importer = write('shared/importer.yaml', IMPORTER);
    const together = run('--region', 'eu-west-1', exporter, importer);
    expect(together.out).toMatch(/\[SFX-DATA-NOT-PUBLIC\] \S*importer\.yaml\/Db: VPCSecurityGroups: Sg allows ingress from 0\.0\.0\.0\/0/);
    // Alone, the import names an export no judged template defines: its group's rules cannot be read, so it fails closed.
    const alone = run('--region', 'eu-west-1', importer);
    expect(alone.code).toBe(1);
    expect(alone.out).not.toContain('0.0.0.0/0');
    expect(alone.out).toMatch(
      /\[SFX-DATA-NOT-PUBLIC\] \S*importer\.yaml\/Db: VPCSecurityGroups: a security group is not a literal \(it is an imported value \(Fn::ImportValue\)\)/,
    );
  });

  test("see the ingress rules one template adds to another's exported security group", () => {
    const exporter = write(
      'rules/exporter.yaml',
      'Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: closed\n      VpcId: vpc-0123456789abcdef0\nOutputs:\n  SgId:\n    Value: !GetAtt Sg.GroupId\n    Export: { Name: shared-db-sg }\n',
    );
    const opener = write(
      'rules/opener.yaml',
      'Resources:\n  Open:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: !ImportValue shared-db-sg\n      IpProtocol: tcp\n      FromPort: 5432\n      ToPort: 5432\n      CidrIp: 0.0.0.0/0\n',
    );
    const importer = write('rules/importer.yaml', IMPORTER);
    expect(run('--region', 'eu-west-1', exporter, importer).code).toBe(0);
    const opened = run('--region', 'eu-west-1', exporter, opener, importer);
    expect(opened.code).toBe(1);
    expect(opened.out).toMatch(
      /\[SFX-DATA-NOT-PUBLIC\] \S*rules\/importer\.yaml\/Db: VPCSecurityGroups: Sg allows ingress from 0\.0\.0\.0\/0 \(ports 5432-5432\)/,
    );
  });

  test("a data store's security group that cannot be read fails closed; literal ids and closed groups of the template pass", () => {
    const { code, out } = run('--region', 'eu-west-1', fixture('security-groups.yaml'));
    expect(code).toBe(1);
    const lines = out
      .trimEnd()
      .split('\n')
      .filter((line) => line.startsWith('[SFX-DATA-NOT-PUBLIC]'));
    const unreadable = (id: string, property: string, reason: string) =>
      `[SFX-DATA-NOT-PUBLIC] test/cli/fixtures/security-groups.yaml/${id}: ${property}: a security group is not a literal (it is ${reason}), so the gate cannot read its rules`;
    expect(lines.map((line) => line.replace(/ to prove that .*$/, ''))).toEqual([
      '[SFX-DATA-NOT-PUBLIC] test/cli/fixtures/security-groups.yaml/DevOpenDb: VPCSecurityGroups: DevOpenSg allows ingress from 0.0.0.0/0 (ports 5432-5432). Fix: allow ingress only from the application security group, defined in a template the gate judges (or name an existing group by its literal id).',
      unreadable('ImportedDb', 'VPCSecurityGroups', 'an imported value (Fn::ImportValue)'),
      unreadable('ParameterDb', 'VPCSecurityGroups', 'CloudFormation parameter AppSecurityGroup without AllowedValues, chosen at deploy time'),
      unreadable('NestedOutputDb', 'VPCSecurityGroups', 'an attribute of AWS::CloudFormation::Stack Network, not a security group'),
      '[SFX-DATA-NOT-PUBLIC] test/cli/fixtures/security-groups.yaml/ConditionalDb: VPCSecurityGroups: OpenSg allows ingress from 0.0.0.0/0 (ports 5432-5432). Fix: allow ingress only from the application security group, defined in a template the gate judges (or name an existing group by its literal id).',
      unreadable('Sessions', 'SecurityGroupIds', 'an imported value (Fn::ImportValue)'),
    ]);
  });
});

describe('the launcher', () => {
  const launcher = path.join(REPO, 'cli', 'sfx-check.js');
  test('is the package bin, executable, and exits 0 / 1 / 2', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(pkg.bin['sfx-check']).toBe('cli/sfx-check.js');
    expect(pkg.dependencies.yaml).toBeDefined();
    expect(fs.statSync(launcher).mode & 0o111).not.toBe(0);
    const exec = (...argv: string[]) => spawnSync(process.execPath, [launcher, ...argv], { cwd: REPO, encoding: 'utf8' });
    expect(exec('--region', 'eu-west-1', 'test/compliance/fixtures/ordinary-template.json').status).toBe(0);
    const failing = exec('--region', 'eu-west-1', 'test/cli/fixtures/iam.yaml');
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('[SFX-IAM-LEAST-PRIVILEGE] test/cli/fixtures/iam.yaml/Deployer:');
    const broken = exec('nothing-here.json');
    expect(broken.status).toBe(2);
    expect(broken.stderr).toBe('sfx-check: nothing-here.json: no such file\n');
  });
});
