/** SFX-REGION at the pure level: stack facts (kind, region, publisher) and the values that name a location. */
import { Region } from '../../rules/region';
import { checkOne, findings, template, violationsOf } from './support/template-builder';

const judgeStack = (facts: Parameters<NonNullable<typeof Region.checkStack>>[0]) => Region.checkStack!(facts);

describe('SFX-REGION', () => {
  describe('a stack', () => {
    test('passes in eu-west-1, and a nested stack whatever its region', () => {
      expect(judgeStack({ region: 'eu-west-1', kind: 'stack' })).toEqual([]);
      expect(judgeStack({ region: 'us-east-1', kind: 'nested' })).toEqual([]);
      expect(judgeStack({ region: undefined, kind: 'nested' })).toEqual([]);
    });

    test('fails another region or an environment-agnostic stack, with the fix', () => {
      expect(judgeStack({ region: 'us-east-1', kind: 'stack' })).toEqual([
        { message: 'the stack deploys to us-east-1, not eu-west-1', fix: "set env: { region: 'eu-west-1' } on the stack or its Stage" },
      ]);
      expect(judgeStack({ region: undefined, kind: 'stack' })).toEqual([
        {
          message: 'the stack is environment-agnostic: its region is decided at deploy time',
          fix: "set env: { region: 'eu-west-1' } on the stack or its Stage",
        },
      ]);
    });

    test('a product stack is judged by its publisher', () => {
      expect(judgeStack({ region: undefined, kind: 'product', publisherRegion: 'eu-west-1' })).toEqual([]);
      const fix = "publish the product from a stack with env: { region: 'eu-west-1' }";
      expect(judgeStack({ region: 'eu-west-1', kind: 'product', publisherRegion: 'us-east-1', publisherPath: 'Catalog' })).toEqual([
        { message: 'the Service Catalog product is published by Catalog in us-east-1, not eu-west-1', fix },
      ]);
      expect(judgeStack({ region: 'eu-west-1', kind: 'product' })).toEqual([
        { message: 'the Service Catalog product is published by its publishing stack, which is environment-agnostic', fix },
      ]);
    });

    test('judgeTemplates reports the stack at its path', () => {
      expect(violationsOf(Region, template('Us', { region: 'us-east-1' }))).toEqual([
        expect.objectContaining({ ruleId: 'SFX-REGION', path: 'Us', stackPath: 'Us', logicalId: undefined }),
      ]);
    });
  });

  describe('a value naming a region', () => {
    const queue = (properties: Record<string, unknown>) => template().resource('Q', 'AWS::SNS::Subscription', properties);

    test.each([
      'us-east-1',
      'us-gov-west-1',
      'cn-north-1',
      'ap-southeast-2',
      'ap-northeast-3',
      'af-south-1',
      'ca-central-1',
      'eu-central-2',
      'eusc-de-east-1',
      'il-central-1',
      'me-south-1',
      'mx-central-1',
      'sa-east-1',
      'us-iso-east-1',
      'us-isob-east-1',
      'us-isof-south-1',
      'eu-north-1',
      'eu-south-1',
      'us-west-2',
      'ap-east-1',
      'eu-northwest-1',
      'us-southwest-1',
      'us-isoe-west-1',
    ])('an ARN in %s fails, naming the property path and the region', (region) => {
      expect(findings(Region, queue({ Endpoint: `arn:aws:sqs:${region}:123456789012:q` }))).toEqual([
        `Stack/Q: Properties.Endpoint names the region ${region}, outside eu-west-1`,
      ]);
    });

    test('eu-west-1 passes; an AZ letter is part of the region', () => {
      expect(findings(Region, queue({ Endpoint: 'arn:aws:sqs:eu-west-1:123456789012:q' }))).toEqual([]);
      expect(findings(Region, template().resource('S', 'AWS::EC2::Subnet', { AvailabilityZone: 'us-east-1a' }))).toEqual([
        'Stack/S: Properties.AvailabilityZone names the region us-east-1, outside eu-west-1',
      ]);
      expect(findings(Region, template().resource('S', 'AWS::EC2::Subnet', { AvailabilityZone: 'eu-west-1b' }))).toEqual([]);
    });

    test('the violation carries its fix', () => {
      expect(violationsOf(Region, queue({ Endpoint: 'arn:aws:sqs:us-east-1:1:q' }))).toEqual([
        expect.objectContaining({ fix: "use eu-west-1 (or the stack's own region token) for Properties.Endpoint" }),
      ]);
    });

    test('CDK metadata is never judged', () => {
      expect(findings(Region, template().resource('M', 'AWS::CDK::Metadata', { Analytics: 'us-east-1' }))).toEqual([]);
    });
  });

  describe('location forms and free text', () => {
    const sub = (properties: Record<string, unknown>, type = 'AWS::SNS::Subscription', stack = template()) =>
      findings(Region, stack.resource('R', type, properties));

    test('endpoint host names, VPC endpoint service names and JSON "region" entries are locations', () => {
      expect(sub({ Endpoint: 'https://sqs.us-east-1.amazonaws.com/1/q' })).toEqual([
        'Stack/R: Properties.Endpoint names the region us-east-1, outside eu-west-1',
      ]);
      expect(sub({ Endpoint: 'HTTPS://SQS.US-WEST-2.AMAZONAWS.COM/1/q' })).toEqual([
        'Stack/R: Properties.Endpoint names the region us-west-2, outside eu-west-1',
      ]);
      expect(sub({ Endpoint: 'https://x.cn-north-1.amazonaws.com.cn' })).toHaveLength(1);
      expect(sub({ Endpoint: 'https://lambda-url.ap-south-1.on.aws/' })).toHaveLength(1);
      expect(sub({ ServiceName: 'com.amazonaws.us-east-1.s3' }, 'AWS::EC2::VPCEndpoint')).toEqual([
        'Stack/R: Properties.ServiceName names the region us-east-1, outside eu-west-1',
      ]);
      expect(sub({ Config: '{"region": "sa-east-1"}' })).toEqual(['Stack/R: Properties.Config names the region sa-east-1, outside eu-west-1']);
      expect(sub({ Config: '{"awsRegion":"sa-east-1"}' })).toHaveLength(1);
      expect(sub({ Target: 'us-east-2' })).toEqual(['Stack/R: Properties.Target names the region us-east-2, outside eu-west-1']);
      expect(sub({ Zone: 'us-east-2b' })).toHaveLength(1);
    });

    test('a region that is only a word is not a location: names, free text, tags, SSM values', () => {
      expect(sub({ QueueName: 'orders-us-east-1' }, 'AWS::SQS::Queue')).toEqual([]);
      expect(sub({ TopicName: 'us-east-1' }, 'AWS::SNS::Topic')).toEqual([]);
      expect(sub({ Description: 'replica in us-east-1', Tags: [{ Key: 'Region', Value: 'us-east-1' }] }, 'AWS::SQS::Queue')).toEqual([]);
      expect(sub({ Value: 'arn:aws:sqs:us-east-1:1:q', Name: 'p' }, 'AWS::SSM::Parameter')).toEqual([]);
      expect(sub({ Pattern: 'copy to us-east-1 please' }, 'AWS::SQS::Queue')).toEqual([]);
      expect(sub({ Endpoint: 'arn:aws:sqs:us-east-1' })).toEqual([]);
      expect(sub({ Port: 443 })).toEqual([]);
    });

    test('a property that names a region judges any region in it, and a deploy-time value there is unprovable', () => {
      expect(sub({ ReplicaRegion: 'backup-us-east-1' }, 'AWS::Custom::Thing')).toEqual([
        'Stack/R: Properties.ReplicaRegion names the region us-east-1, outside eu-west-1',
      ]);
      expect(sub({ Settings: { Region: { Ref: 'R' } } }, 'AWS::Custom::Thing', template().parameter('R'))).toEqual([
        'Stack/R: Properties.Settings.Region is not a literal (it is CloudFormation parameter R without AllowedValues, chosen at deploy time); the value must be a literal so the gate can prove it at synth time',
      ]);
      expect(sub({ Region: { Ref: 'AWS::Region' } }, 'AWS::Custom::Thing')).toEqual([]);
      expect(
        sub({ Region: { Ref: 'R' } }, 'AWS::Custom::Thing', template().parameter('R', { Type: 'String', AllowedValues: ['eu-west-1', 'us-east-1'] })),
      ).toEqual(['Stack/R: Properties.Region names the region us-east-1, outside eu-west-1']);
      expect(sub({ Enabled: true, CrossRegion: false }, 'AWS::Custom::Thing')).toEqual([]);
    });

    test('a value from Fn::If branches, a mapping or an import names each region once, at the property', () => {
      expect(sub({ Endpoint: { 'Fn::If': ['C', 'arn:aws:sqs:eu-west-1:1:q', 'arn:aws:sqs:us-east-1:1:q'] } })).toEqual([
        'Stack/R: Properties.Endpoint names the region us-east-1, outside eu-west-1',
      ]);
      expect(
        sub(
          { Endpoint: { 'Fn::FindInMap': ['M', 'a', 'r'] } },
          'AWS::SNS::Subscription',
          template().mapping('M', { a: { r: 'arn:aws:sqs:us-east-1:1:q' } }),
        ),
      ).toEqual(['Stack/R: Properties.Endpoint names the region us-east-1, outside eu-west-1']);
      const exporter = template('Queues').exportValue('QueueArn', 'arn:aws:sqs:us-west-2:1:q');
      const importer = template('Api').resource('R', 'AWS::SNS::Subscription', { Endpoint: { 'Fn::ImportValue': 'QueueArn' } });
      expect(findings(Region, exporter, importer)).toEqual(['Api/R: Properties.Endpoint names the region us-west-2, outside eu-west-1']);
    });

    test('a mapping entry that is a list is judged item by item, at the property', () => {
      const zones = template().mapping('Zones', {
        prod: { azs: ['eu-west-1a', 'us-east-1b'], queues: ['arn:aws:sqs:eu-west-1:1:q', 'arn:aws:sqs:ap-south-1:1:q'] },
      });
      expect(sub({ AvailabilityZones: { 'Fn::FindInMap': ['Zones', 'prod', 'azs'] } }, 'AWS::AutoScaling::AutoScalingGroup', zones)).toEqual([
        'Stack/R: Properties.AvailabilityZones names the region us-east-1, outside eu-west-1',
      ]);
      expect(sub({ Endpoints: { 'Fn::FindInMap': ['Zones', 'prod', 'queues'] } }, 'AWS::Custom::Thing', zones)).toEqual([
        'Stack/R: Properties.Endpoints names the region ap-south-1, outside eu-west-1',
      ]);
      const home = template().mapping('Zones', { prod: { azs: ['eu-west-1a', 'eu-west-1b'] } });
      expect(sub({ AvailabilityZones: { 'Fn::FindInMap': ['Zones', 'prod', 'azs'] } }, 'AWS::AutoScaling::AutoScalingGroup', home)).toEqual([]);
    });

    test('a list of lists in a Fn::If branch is judged inside it, where it is written', () => {
      expect(sub({ Zones: { 'Fn::If': ['C', [['us-east-1a']], 'eu-west-1'] } }, 'AWS::Custom::Thing')).toEqual([
        'Stack/R: Properties.Zones.Fn::If[1][0][0] names the region us-east-1, outside eu-west-1',
      ]);
    });

    test('a region in the literal list of a Fn::Select is reported at the item that names it', () => {
      expect(sub({ Target: { 'Fn::Select': [0, ['us-east-1', 'eu-west-1']] } }, 'AWS::Custom::Thing')).toEqual([
        'Stack/R: Properties.Target.Fn::Select[1][0] names the region us-east-1, outside eu-west-1',
      ]);
    });

    test("a branch that is a structure is judged inside it; a mapping's keys and an export's name are lookups, not locations", () => {
      expect(sub({ Replica: { 'Fn::If': ['C', { Region: 'ap-south-1' }, { Ref: 'AWS::NoValue' }] } }, 'AWS::Custom::Thing')).toEqual([
        'Stack/R: Properties.Replica.Fn::If[1].Region names the region ap-south-1, outside eu-west-1',
      ]);
      const byRegion = template().mapping('Images', { 'us-east-1': { Ami: 'ami-1' } });
      expect(sub({ ImageId: { 'Fn::FindInMap': ['Images', 'us-east-1', 'Ami'] } }, 'AWS::EC2::Instance', byRegion)).toEqual([]);
      const exporter = template('Queues').exportValue('us-east-1', 'orders');
      const importer = template('Api').resource('R', 'AWS::SNS::Subscription', { Endpoint: { 'Fn::ImportValue': 'us-east-1' } });
      expect(findings(Region, exporter, importer)).toEqual([]);
    });

    test('a reviewed global-service reference behind Fn::If passes, as it does as a literal', () => {
      const webAcl = { 'Fn::If': ['Protected', 'arn:aws:wafv2:us-east-1:1:global/webacl/edge/x', { Ref: 'AWS::NoValue' }] };
      expect(sub({ DistributionConfig: { WebACLId: webAcl } }, 'AWS::CloudFront::Distribution')).toEqual([]);
    });

    test('Fn::GetAZs of another region is a location', () => {
      expect(sub({ AvailabilityZone: { 'Fn::Select': [0, { 'Fn::GetAZs': 'us-east-1' }] }, VpcId: 'v' }, 'AWS::EC2::Subnet')).toEqual([
        'Stack/R: Properties.AvailabilityZone.Fn::Select[1].Fn::GetAZs names the region us-east-1, outside eu-west-1',
      ]);
    });

    test('reviewed global-service references pass only at their path and region', () => {
      const cert = (arn: string) => ({ DistributionConfig: { ViewerCertificate: { AcmCertificateArn: arn } } });
      expect(sub(cert('arn:aws:acm:us-east-1:1:certificate/x'), 'AWS::CloudFront::Distribution')).toEqual([]);
      expect(sub(cert('arn:aws:acm:us-west-2:1:certificate/x'), 'AWS::CloudFront::Distribution')).toHaveLength(1);
      expect(sub(cert('arn:aws:acm:us-east-1:1:certificate/x'), 'AWS::Custom::Distribution')).toHaveLength(1);
    });

    test("a value that repeats the stack's own foreign region follows the stack", () => {
      const us = template('Us', { region: 'us-east-1' }).resource('R', 'AWS::SNS::Subscription', { Endpoint: 'arn:aws:sqs:us-east-1:1:q' });
      const [stack] = violationsOf(Region, us);
      expect(stack.derived).toEqual([{ path: 'Us/R', message: 'Properties.Endpoint names the region us-east-1, outside eu-west-1' }]);
    });
  });

  describe('a string built from parts (Fn::Join, Fn::Sub)', () => {
    const endpoint = (value: unknown, stack = template()) => findings(Region, stack.resource('R', 'AWS::SNS::Subscription', { Endpoint: value }));
    const arnIn = (regionPart: unknown) => ({ 'Fn::Join': ['', ['arn:aws:sqs:', regionPart, ':1:q']] });
    const NAMES_US_EAST_1 = 'Stack/R: Properties.Endpoint names the region us-east-1, outside eu-west-1';
    const DEPLOY_TIME =
      'Stack/R: Properties.Endpoint is not a literal (it is a string whose region part (an ARN\'s region field or a "region" entry) is decided at deploy time); ' +
      'the value must be a literal so the gate can prove it at synth time';

    test('a region split across literal parts is judged whole: us-east-1 fails, eu-west-1 passes', () => {
      expect(endpoint({ 'Fn::Join': ['', ['arn:aws:sqs:us-', 'east-1:1:q']] })).toEqual([NAMES_US_EAST_1]);
      expect(endpoint({ 'Fn::Join': [':', ['arn:aws:sqs', 'us-east-1', '1', 'q']] })).toEqual([NAMES_US_EAST_1]);
      expect(endpoint({ 'Fn::Join': ['', ['arn:aws:sqs:eu-', 'west-1:1:q']] })).toEqual([]);
      expect(endpoint({ 'Fn::Join': ['', ['arn:aws:sqs:', { 'Fn::Sub': 'ap-south' }, '-1:1:q']] })).toEqual([
        'Stack/R: Properties.Endpoint names the region ap-south-1, outside eu-west-1',
      ]);
    });

    test('a foreign region from a mapping, AllowedValues, a Fn::If branch or a literal Fn::Select is reported once, as a region', () => {
      const mapped = template().mapping('M', { a: { r: 'us-east-1' } });
      expect(endpoint(arnIn({ 'Fn::FindInMap': ['M', 'a', 'r'] }), mapped)).toEqual([NAMES_US_EAST_1]);
      const allowed = template().parameter('P', { Type: 'String', AllowedValues: ['eu-west-1', 'us-east-1'] });
      expect(endpoint(arnIn({ Ref: 'P' }), allowed)).toEqual([NAMES_US_EAST_1]);
      expect(endpoint(arnIn({ 'Fn::If': ['C', 'eu-west-1', 'us-east-1'] }))).toEqual([NAMES_US_EAST_1]);
      expect(endpoint(arnIn({ 'Fn::Select': [1, ['eu-west-1', 'us-east-1']] }))).toEqual([NAMES_US_EAST_1]);
      expect(endpoint({ 'Fn::Sub': ['arn:aws:sqs:${R}:1:q', { R: { 'Fn::If': ['C', 'eu-west-1', 'us-east-1'] } }] })).toEqual([NAMES_US_EAST_1]);
      // Split across a mapped part: `us` from the mapping, `-east-1` literal.
      expect(
        endpoint(
          { 'Fn::Join': ['', ['arn:aws:sqs:', { 'Fn::FindInMap': ['M', 'a', 'p'] }, '-east-1:1:q']] },
          template().mapping('M', { a: { p: 'us' } }),
        ),
      ).toEqual([NAMES_US_EAST_1]);
    });

    test('a part whose every value is eu-west-1 passes: a known value is not decided at deploy time', () => {
      expect(endpoint(arnIn({ Ref: 'P' }), template().parameter('P', { Type: 'String', AllowedValues: ['eu-west-1'] }))).toEqual([]);
      expect(endpoint(arnIn({ 'Fn::FindInMap': ['M', 'a', 'r'] }), template().mapping('M', { a: { r: 'eu-west-1' } }))).toEqual([]);
      expect(endpoint(arnIn({ 'Fn::If': ['C', 'eu-west-1', 'eu-west-1'] }))).toEqual([]);
      expect(endpoint(arnIn({ 'Fn::Select': [0, ['eu-west-1']] }))).toEqual([]);
      expect(endpoint(arnIn({ Ref: 'AWS::Region' }))).toEqual([]);
    });

    test('a region field or JSON "region" entry chosen at deploy time fails closed, with the fix', () => {
      const free = template().parameter('P');
      expect(violationsOf(Region, free.resource('R', 'AWS::SNS::Subscription', { Endpoint: arnIn({ Ref: 'P' }) }))).toEqual([
        expect.objectContaining({
          message: DEPLOY_TIME.slice('Stack/R: '.length),
          fix: "write Properties.Endpoint as the literal 'eu-west-1' or the stack's own region (Stack.of(this).region)",
        }),
      ]);
      expect(endpoint({ 'Fn::Sub': 'ARN:AWS:SQS:${P}:1:q' }, template().parameter('P'))).toEqual([DEPLOY_TIME]);
      expect(endpoint({ 'Fn::Join': ['', ['{"service":"S3","region":"', { Ref: 'P' }, '"}']] }, template().parameter('P'))).toEqual([DEPLOY_TIME]);
      const listed = { 'Fn::Select': [0, { 'Fn::Split': [',', { Ref: 'P' }] }] };
      expect(endpoint({ 'Fn::Join': ['', ['{"Region" : "', listed, '"}']] }, template().parameter('P'))).toEqual([DEPLOY_TIME]);
      // One value of the part is known, the other is not: still decided at deploy time.
      expect(endpoint(arnIn({ 'Fn::If': ['C', 'eu-west-1', { Ref: 'P' }] }), template().parameter('P'))).toEqual([DEPLOY_TIME]);
    });

    test('a deploy-time part that is not the region field passes: an account, a resource name, a word ending in "arn"', () => {
      const free = () => template().parameter('P');
      expect(endpoint({ 'Fn::Join': ['', ['arn:aws:sqs:eu-west-1:', { Ref: 'P' }, ':q']] }, free())).toEqual([]);
      expect(endpoint({ 'Fn::Join': ['', ['arn:aws:sqs:eu-west-1:1:', { Ref: 'P' }]] }, free())).toEqual([]);
      expect(endpoint({ 'Fn::Join': ['', ['https://', { Ref: 'P' }, '.example.com']] }, free())).toEqual([]);
      expect(endpoint({ 'Fn::Join': ['', ['learn:aws:sqs:', { Ref: 'P' }]] }, free())).toEqual([]);
      expect(endpoint({ 'Fn::Join': ['', ['{"name":"', { Ref: 'P' }, '"}']] }, free())).toEqual([]);
      expect(endpoint({ 'Fn::Join': ['', ['{"region":"eu-west-1","name":"', { Ref: 'P' }, '"}']] }, free())).toEqual([]);
    });

    test("pseudo parameters in an ARN's partition and account do not hide its region field", () => {
      expect(endpoint({ 'Fn::Sub': 'arn:${AWS::Partition}:sqs:us-east-2:${AWS::AccountId}:q' })).toEqual([
        'Stack/R: Properties.Endpoint names the region us-east-2, outside eu-west-1',
      ]);
    });

    test('a region named whole inside one part is reported once; another region in another part is reported too', () => {
      expect(endpoint({ 'Fn::Join': ['', ['arn:aws:sqs:', { 'Fn::Sub': 'us-east-2' }, ':1:q']] })).toEqual([
        'Stack/R: Properties.Endpoint names the region us-east-2, outside eu-west-1',
      ]);
      expect(endpoint({ 'Fn::Join': [',', ['arn:aws:sqs:us-east-1:1:q', { 'Fn::If': ['C', 'arn:aws:sqs:us-west-2:1:q', 'x'] }]] })).toEqual([
        NAMES_US_EAST_1,
        'Stack/R: Properties.Endpoint names the region us-west-2, outside eu-west-1',
      ]);
      expect(endpoint({ 'Fn::Join': ['/', ['https://example.com', { Region: 'sa-east-1' }]] })).toEqual([
        'Stack/R: Properties.Endpoint.Fn::Join[1][1].Region names the region sa-east-1, outside eu-west-1',
      ]);
    });
  });

  describe('a property that names a region (Region, awslogs-region, …) and a value the gate cannot read', () => {
    const replica = (region: unknown, stack = template()) =>
      findings(Region, stack.resource('T', 'AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: region }] }));
    const notLiteral = (path: string, reason: string) =>
      `Stack/T: ${path} is not a literal (it is ${reason}); the value must be a literal so the gate can prove it at synth time`;

    test('a free parameter, an SSM reference or another pseudo parameter fails closed, with the fix', () => {
      expect(replica({ Ref: 'Free' }, template().parameter('Free'))).toEqual([
        notLiteral('Properties.Replicas[0].Region', 'CloudFormation parameter Free without AllowedValues, chosen at deploy time'),
      ]);
      expect(replica('{{resolve:ssm:/sfx/replica-region:1}}')).toEqual([
        notLiteral('Properties.Replicas[0].Region', 'a dynamic reference ({{resolve:…}}) that CloudFormation replaces at deploy time'),
      ]);
      expect(replica({ Ref: 'AWS::AccountId' })).toEqual([notLiteral('Properties.Replicas[0].Region', 'the deploy-time value AWS::AccountId')]);
      expect(
        violationsOf(
          Region,
          template()
            .parameter('Free')
            .resource('T', 'AWS::Custom::Thing', { Region: { Ref: 'Free' } }),
        ),
      ).toEqual([
        expect.objectContaining({ fix: "write Properties.Region as the literal 'eu-west-1' or the stack's own region (Stack.of(this).region)" }),
      ]);
    });

    test("the stack's own region passes: eu-west-1, AWS::Region, field 3 of the ARN of a resource of the stack", () => {
      const group = () => template().resource('Group', 'AWS::Logs::LogGroup', { LogGroupName: 'xus-east-1x' });
      expect(replica('eu-west-1')).toEqual([]);
      expect(replica({ Ref: 'AWS::Region' })).toEqual([]);
      expect(replica({ 'Fn::Select': [3, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Group', 'Arn'] }] }] }, group())).toEqual([]);
      expect(
        replica(
          { 'Fn::Join': ['', [{ 'Fn::Select': [3, { 'Fn::Split': [':', { Ref: 'Topic' }] }] }]] },
          template().resource('Topic', 'AWS::SNS::Topic', {}),
        ),
      ).toEqual([]);
      // In an environment-agnostic stack AWS::Region is not literal: the stack itself is what fails.
      expect(
        findings(Region, template('Anywhere', {}).resource('T', 'AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: { Ref: 'AWS::Region' } }] })),
      ).toEqual(['Anywhere: the stack is environment-agnostic: its region is decided at deploy time']);
    });

    test("other fields and other values are not the stack's region: a region cut from a name, a custom resource, a parameter, a nested stack's output", () => {
      const REASON = 'the intrinsic function Fn::Select';
      const cut = (delimiter: string, index: number, of: unknown) => ({ 'Fn::Select': [index, { 'Fn::Split': [delimiter, of] }] });
      const resources = template()
        .parameter('P')
        .resource('Group', 'AWS::Logs::LogGroup', { LogGroupName: 'xus-east-1x' })
        .resource('Custom', 'Custom::Lookup', { ServiceToken: 'arn:aws:lambda:eu-west-1:1:function:f' })
        .resource('Store', 'AWS::SSM::Parameter', { Type: 'String', Value: 'x' })
        .resource('Child', 'AWS::CloudFormation::Stack', { TemplateURL: 'https://x' });
      const judged = (region: unknown) =>
        findings(Region, resources.resource('T', 'AWS::Custom::Thing', { Region: region })).filter((f) => f.startsWith('Stack/T'));
      const failed = [notLiteral('Properties.Region', REASON)];
      expect(judged(cut('x', 1, { Ref: 'Group' }))).toEqual(failed);
      expect(judged(cut(':', 2, { 'Fn::GetAtt': ['Group', 'Arn'] }))).toEqual(failed);
      expect(judged(cut('/', 3, { 'Fn::GetAtt': ['Group', 'Arn'] }))).toEqual(failed);
      expect(judged(cut(':', 3, { 'Fn::GetAtt': ['Group', 'LogGroupName'] }))).toEqual(failed);
      expect(judged(cut(':', 3, { 'Fn::GetAtt': ['Custom', 'Arn'] }))).toEqual(failed);
      expect(judged(cut(':', 3, { 'Fn::GetAtt': ['Store', 'Value'] }))).toEqual(failed);
      expect(judged(cut(':', 3, { Ref: 'Store' }))).toEqual(failed);
      expect(judged(cut(':', 3, { 'Fn::GetAtt': ['Child', 'Outputs.Arn'] }))).toEqual(failed);
      expect(judged(cut(':', 3, { Ref: 'P' }))).toEqual(failed);
      expect(judged(cut(':', 3, { Ref: 'Missing' }))).toEqual(failed);
      expect(judged(cut(':', 3, { 'Fn::GetAtt': ['Group', 'Arn'] }))).toEqual([]);
    });

    test("field 3 of an imported ARN is the stack's region only when the export is the ARN of an AWS resource in the same region", () => {
      const exporter = (region: string) =>
        template('Logs', { region })
          .resource('Group', 'AWS::Logs::LogGroup', {})
          .resource('Custom', 'Custom::Lookup', { ServiceToken: 'arn:aws:lambda:eu-west-1:1:function:f' })
          .exportValue('GroupArn', { 'Fn::GetAtt': ['Group', 'Arn'] })
          .exportValue('CustomArn', { 'Fn::GetAtt': ['Custom', 'Arn'] });
      const importing = (name: string) =>
        template('Api').resource('T', 'AWS::DynamoDB::GlobalTable', {
          Replicas: [{ Region: { 'Fn::Select': [3, { 'Fn::Split': [':', { 'Fn::ImportValue': name }] }] } }],
        });
      const onlyApi = (...stacks: ReturnType<typeof template>[]) => findings(Region, ...stacks).filter((f) => f.startsWith('Api/'));
      const failed = [
        'Api/T: Properties.Replicas[0].Region is not a literal (it is the intrinsic function Fn::Select); the value must be a literal so the gate can prove it at synth time',
      ];
      expect(onlyApi(exporter('eu-west-1'), importing('GroupArn'))).toEqual([]);
      expect(onlyApi(exporter('eu-west-1'), importing('CustomArn'))).toEqual(failed);
      expect(onlyApi(exporter('us-east-1'), importing('GroupArn'))).toEqual(failed);
      expect(onlyApi(importing('GroupArn'))).toEqual(failed);
    });

    test('a region-named property holding a structure built from intrinsics fails closed; a literal structure is judged inside', () => {
      expect(
        findings(
          Region,
          template()
            .parameter('P')
            .resource('T', 'AWS::Custom::Thing', { ReplicaRegion: { Primary: { Ref: 'P' } } }),
        ),
      ).toEqual([notLiteral('Properties.ReplicaRegion', 'a structure built from intrinsic functions')]);
      expect(findings(Region, template().resource('T', 'AWS::Custom::Thing', { ReplicaRegion: ['eu-west-1'] }))).toEqual([]);
    });

    test('a region-named property inside a Fn::If branch is judged too', () => {
      const stack = template().parameter('P');
      expect(
        findings(
          Region,
          stack.resource('T', 'AWS::DynamoDB::GlobalTable', { Replicas: [{ 'Fn::If': ['C', { Region: { Ref: 'P' } }, { Ref: 'AWS::NoValue' }] }] }),
        ),
      ).toEqual([notLiteral('Properties.Replicas[0].Fn::If[1].Region', 'CloudFormation parameter P without AllowedValues, chosen at deploy time')]);
    });

    test('any region under the property is judged: awslogs-region, a replication group region, TARGET_REGION', () => {
      const task = template().resource('Task', 'AWS::ECS::TaskDefinition', {
        ContainerDefinitions: [{ Name: 'app', LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-region': 'us-east-1' } } }],
      });
      expect(findings(Region, task)).toEqual([
        'Stack/Task: Properties.ContainerDefinitions[0].LogConfiguration.Options.awslogs-region names the region us-east-1, outside eu-west-1',
      ]);
      const global = template().resource('Global', 'AWS::ElastiCache::GlobalReplicationGroup', {
        Members: [{ ReplicationGroupId: 'rg', Role: 'PRIMARY', ReplicationGroupRegion: 'eu-west-1' }],
        RegionalConfigurations: [{ ReplicationGroupRegion: 'eu-central-1', ReplicationGroupId: 'rg2' }],
      });
      expect(findings(Region, global)).toEqual([
        'Stack/Global: Properties.RegionalConfigurations[0].ReplicationGroupRegion names the region eu-central-1, outside eu-west-1',
      ]);
      const fn = template()
        .parameter('Free')
        .resource('Fn', 'AWS::Lambda::Function', { Environment: { Variables: { TARGET_REGION: { Ref: 'Free' } } } });
      expect(findings(Region, fn)).toEqual([
        expect.stringMatching(/^Stack\/Fn: Properties\.Environment\.Variables\.TARGET_REGION is not a literal \(it is CloudFormation parameter Free/),
      ]);
    });
  });

  describe('where a region is a location and where it is a word', () => {
    const judged = (properties: Record<string, unknown>, type = 'AWS::Custom::Thing') => findings(Region, template().resource('R', type, properties));
    const names = (path: string, region: string) => `Stack/R: Properties.${path} names the region ${region}, outside eu-west-1`;
    const ARN = 'arn:aws:sqs:us-east-1:1:q';

    test.each([
      'Description',
      'ReplicationGroupDescription',
      'DisplayName',
      'Tags',
      'TagSpecifications',
      'Comment',
      'Comments',
      'Metadata',
      'Label',
      'Labels',
      'Title',
      'Note',
      'Notes',
    ])('%s is free text: even an ARN there is not judged', (key) => {
      expect(judged({ [key]: ARN, Nested: { [key]: [{ Value: ARN }] } })).toEqual([]);
    });

    test.each(['Notebook', 'DescriptionUrl', 'Subtitle', 'Tagline', 'Labelled', 'ReplicaLabel'])(
      '%s is not free text: an ARN there is judged',
      (key) => {
        expect(judged({ [key]: ARN })).toEqual([names(key, 'us-east-1')]);
      },
    );

    test("an SSM parameter's Value is data; its other properties and another type's Value are judged", () => {
      expect(judged({ Value: ARN, Type: 'String' }, 'AWS::SSM::Parameter')).toEqual([]);
      expect(judged({ Value: 'x', AllowedPattern: ARN }, 'AWS::SSM::Parameter')).toEqual([names('AllowedPattern', 'us-east-1')]);
      expect(judged({ Value: ARN })).toEqual([names('Value', 'us-east-1')]);
    });

    test('a Lambda environment: an endpoint in another region fails; words, build ids and the stack region token pass', () => {
      const fn = (variables: Record<string, unknown>, description?: string) =>
        judged({ Description: description, Environment: { Variables: variables } }, 'AWS::Lambda::Function');
      expect(fn({ ENDPOINT: 'https://sqs.us-west-2.amazonaws.com/123456789012/q' })).toEqual([names('Environment.Variables.ENDPOINT', 'us-west-2')]);
      expect(fn({ ENDPOINT: { 'Fn::Join': ['', ['https://sqs.', { Ref: 'AWS::Region' }, '.amazonaws.com/123456789012/q']] } })).toEqual([]);
      expect(fn({ BUILD_ID: 'build-us-east-1-42', NOTE: 'copied from ap-south-1 docs' }, 'ported from us-west-2')).toEqual([]);
      expect(fn({ TARGET: 'us-west-1' })).toEqual([names('Environment.Variables.TARGET', 'us-west-1')]);
    });

    test('endpoint host names of every AWS domain, in any case, and VPC endpoint service names are locations', () => {
      expect(judged({ A: 'https://abc.execute-api.ca-central-1.amazonaws.com/prod' })).toEqual([names('A', 'ca-central-1')]);
      expect(judged({ A: 'https://x.cn-north-1.amazonaws.com.cn' })).toEqual([names('A', 'cn-north-1')]);
      expect(judged({ A: 'https://lambda-url.ap-south-1.on.aws/' })).toEqual([names('A', 'ap-south-1')]);
      expect(judged({ A: 'https://bedrock.us-west-2.api.aws' })).toEqual([names('A', 'us-west-2')]);
      expect(judged({ A: 'https://x.eu-central-1.aws.dev/' })).toEqual([names('A', 'eu-central-1')]);
      expect(judged({ A: 'https://SQS.US-EAST-2.AMAZONAWS.COM' })).toEqual([names('A', 'us-east-2')]);
      expect(judged({ A: 'com.amazonaws.us-east-2.s3' })).toEqual([names('A', 'us-east-2')]);
      expect(judged({ A: 'cn.com.amazonaws.cn-northwest-1.s3' })).toEqual([names('A', 'cn-northwest-1')]);
      expect(judged({ A: 'aws.sagemaker.us-east-1.notebook' })).toEqual([]);
      // Not an AWS domain, and not an endpoint service name.
      expect(
        judged({ A: 'https://status.us-east-1.example.com', B: 'xcom.amazonaws.us-east-1.s3', C: 'https://x.us-east-1.amazonaws.company.com' }),
      ).toEqual([]);
    });

    test('an ARN region field: its partition and service may be anything; the field after the region must follow', () => {
      expect(judged({ A: 'arn:aws-cn:s3:cn-north-1:1:b' })).toEqual([names('A', 'cn-north-1')]);
      expect(judged({ A: 'see arn:aws:sqs:us-east-1:1:q' })).toEqual([names('A', 'us-east-1')]);
      expect(judged({ A: 'arn:aws:sqs:us-east-1' })).toEqual([]);
      expect(judged({ A: 'arn:aws:sqs:x:us-east-1:q' })).toEqual([]);
      expect(judged({ A: 'arn:aws:s3:::bucket-us-east-1:x' })).toEqual([]);
    });

    test('a JSON "region" entry (any key ending in region, any spacing) is a location; another key is not', () => {
      expect(judged({ DashboardBody: '{"widgets":[{"type":"metric","properties":{"region":"af-south-1","metrics":[]}}]}' })).toEqual([
        names('DashboardBody', 'af-south-1'),
      ]);
      expect(judged({ A: '{"awsRegion" :  "sa-east-1"}' })).toEqual([names('A', 'sa-east-1')]);
      expect(judged({ A: '{"target_region":"sa-east-1"}' })).toEqual([names('A', 'sa-east-1')]);
      expect(judged({ A: '{"name":"sa-east-1-orders"}' })).toEqual([]);
      expect(judged({ A: '{"region2":"sa-east-1x"}' })).toEqual([]);
    });

    test('a value that is a region or an AZ and nothing else is a location, unless it is a name', () => {
      expect(judged({ Target: ' us-east-2 ' })).toEqual([names('Target', 'us-east-2')]);
      expect(judged({ Target: 'us-east-2b' })).toEqual([names('Target', 'us-east-2')]);
      expect(judged({ Targets: ['us-east-2'] })).toEqual([names('Targets[0]', 'us-east-2')]);
      expect(judged({ QueueName: 'us-east-2', Names: { BucketName: 'ap-south-1' } })).toEqual([]);
      expect(judged({ Target: 'us-east-2bc', Other: 'us-east-2-b', Third: 'xus-east-2' })).toEqual([]);
    });

    test('an AZ property judges any region in it, as does Fn::GetAZs; other keys only location forms', () => {
      const listed = 'us-east-1a,us-east-1b';
      expect(judged({ AvailabilityZones: listed, PreferredAvailabilityZone: `${listed} ` })).toEqual([
        names('AvailabilityZones', 'us-east-1'),
        names('PreferredAvailabilityZone', 'us-east-1'),
      ]);
      expect(judged({ Placement: { Azs: [listed], az: listed } })).toEqual([
        names('Placement.Azs[0]', 'us-east-1'),
        names('Placement.az', 'us-east-1'),
      ]);
      expect(judged({ Zones: listed, Bazs: listed, AvailabilityZoneCount: listed })).toEqual([]);
      // Any text naming a region: the argument of Fn::GetAZs is one, whatever else it holds.
      expect(judged({ Subnets: { 'Fn::GetAZs': 'region ap-east-1' } })).toEqual([names('Subnets.Fn::GetAZs', 'ap-east-1')]);
      expect(
        judged({ Subnets: { 'Fn::GetAZs': 'eu-west-1' }, List: { 'Fn::GetAZsX': 'region ap-east-1', 'XFn::GetAZs': 'region ap-east-1' } }),
      ).toEqual([]);
    });

    test('a region named several times at one property is reported once; different properties are reported each', () => {
      expect(judged({ Endpoint: 'https://sqs.us-east-1.amazonaws.com/1/q-us-east-1', Replica: 'arn:aws:sqs:us-east-1:1:q' })).toEqual([
        names('Endpoint', 'us-east-1'),
        names('Replica', 'us-east-1'),
      ]);
      expect(judged({ Endpoint: 'arn:aws:sqs:us-east-1:1:q,arn:aws:sqs:us-west-2:1:q' })).toEqual([
        names('Endpoint', 'us-east-1'),
        names('Endpoint', 'us-west-2'),
      ]);
    });

    test('region names of every partition and form are recognised, and only those', () => {
      expect(judged({ A: 'arn:aws:sqs:us-east-12:1:q', B: 'arn:aws:sqs:us-gov-east-1:1:q', C: 'arn:aws:sqs:us-de-east-1:1:q' })).toEqual([
        names('A', 'us-east-12'),
        names('B', 'us-gov-east-1'),
        names('C', 'us-de-east-1'),
      ]);
      expect(
        judged({ A: 'arn:aws:sqs:xy-east-1:1:q', B: 'arn:aws:sqs:us-middle-1:1:q', C: 'arn:aws:sqs:us-east-123:1:q', D: 'arn:aws:sqs:us-east:1:q' }),
      ).toEqual([]);
    });
  });

  describe('reviewed global-service references', () => {
    const distribution = (config: Record<string, unknown>, type = 'AWS::CloudFront::Distribution') =>
      findings(Region, template().resource('Cdn', type, { DistributionConfig: config }));
    const EDGE = 'arn:aws:lambda:us-east-1:1:function:edge:1';

    test("CloudFront's us-east-1 certificate, web ACL and Lambda@Edge functions pass", () => {
      expect(
        distribution({
          ViewerCertificate: { AcmCertificateArn: 'arn:aws:acm:us-east-1:1:certificate/x' },
          WebACLId: 'arn:aws:wafv2:us-east-1:1:global/webacl/edge/x',
          DefaultCacheBehavior: { LambdaFunctionAssociations: [{ LambdaFunctionARN: EDGE }] },
          CacheBehaviors: [{}, { LambdaFunctionAssociations: [{}, { LambdaFunctionARN: EDGE }] }],
        }),
      ).toEqual([]);
    });

    test('only at their path, in their region, on their resource type', () => {
      expect(distribution({ ViewerCertificate: { AcmCertificateArn: 'arn:aws:acm:us-west-2:1:certificate/x' } })).toEqual([
        'Stack/Cdn: Properties.DistributionConfig.ViewerCertificate.AcmCertificateArn names the region us-west-2, outside eu-west-1',
      ]);
      expect(
        distribution({ ViewerCertificate: { AcmCertificateArn: 'arn:aws:acm:us-east-1:1:certificate/x' } }, 'AWS::Custom::Distribution'),
      ).toEqual(['Stack/Cdn: Properties.DistributionConfig.ViewerCertificate.AcmCertificateArn names the region us-east-1, outside eu-west-1']);
      expect(
        distribution({
          WebACLIds: 'arn:aws:wafv2:us-east-1:1:global/webacl/edge/x',
          Origins: [{ DomainName: 'abc.execute-api.us-east-1.amazonaws.com' }],
        }),
      ).toEqual([
        'Stack/Cdn: Properties.DistributionConfig.WebACLIds names the region us-east-1, outside eu-west-1',
        'Stack/Cdn: Properties.DistributionConfig.Origins[0].DomainName names the region us-east-1, outside eu-west-1',
      ]);
      expect(distribution({ Copy: { DistributionConfig: { WebACLId: 'arn:aws:wafv2:us-east-1:1:global/webacl/edge/x' } } })).toEqual([
        'Stack/Cdn: Properties.DistributionConfig.Copy.DistributionConfig.WebACLId names the region us-east-1, outside eu-west-1',
      ]);
      expect(
        distribution({ DefaultCacheBehavior: { LambdaFunctionAssociations: [{ LambdaFunctionARN: EDGE.replace('us-east-1', 'eu-central-1') }] } }),
      ).toEqual([
        'Stack/Cdn: Properties.DistributionConfig.DefaultCacheBehavior.LambdaFunctionAssociations[0].LambdaFunctionARN names the region eu-central-1, outside eu-west-1',
      ]);
      expect(distribution({ OtherBehavior: { LambdaFunctionAssociations: [{ LambdaFunctionARN: EDGE }] } })).toEqual([
        'Stack/Cdn: Properties.DistributionConfig.OtherBehavior.LambdaFunctionAssociations[0].LambdaFunctionARN names the region us-east-1, outside eu-west-1',
      ]);
    });

    test('behaviour and association indexes of any width pass', () => {
      const eleven = <T>(last: T) => [...Array.from({ length: 10 }, () => ({})), last];
      expect(distribution({ CacheBehaviors: eleven({ LambdaFunctionAssociations: eleven({ LambdaFunctionARN: EDGE }) }) })).toEqual([]);
    });

    test('a reviewed path matches whole: not a longer property name, not the same path under another key', () => {
      const under = (config: Record<string, unknown>) => ({ Copy: { Properties: { DistributionConfig: config } } });
      const judged = (properties: Record<string, unknown>, type = 'AWS::CloudFront::Distribution') =>
        findings(Region, template().resource('Cdn', type, properties)).map((f) => f.replace(/ names the region .*/, ''));
      const cert = 'arn:aws:acm:us-east-1:1:certificate/x';
      const acl = 'arn:aws:wafv2:us-east-1:1:global/webacl/edge/x';
      expect(
        judged({
          DistributionConfig: {
            ViewerCertificate: { AcmCertificateArnBackup: cert },
            DefaultCacheBehavior: { LambdaFunctionAssociations: [{ LambdaFunctionARNs: EDGE }] },
          },
          ...under({ ViewerCertificate: { AcmCertificateArn: cert }, WebACLId: acl }),
        }),
      ).toEqual([
        'Stack/Cdn: Properties.DistributionConfig.ViewerCertificate.AcmCertificateArnBackup',
        'Stack/Cdn: Properties.DistributionConfig.DefaultCacheBehavior.LambdaFunctionAssociations[0].LambdaFunctionARNs',
        'Stack/Cdn: Properties.Copy.Properties.DistributionConfig.ViewerCertificate.AcmCertificateArn',
        'Stack/Cdn: Properties.Copy.Properties.DistributionConfig.WebACLId',
      ]);
      expect(
        judged({
          Copy: { Properties: { DistributionConfig: { DefaultCacheBehavior: { LambdaFunctionAssociations: [{ LambdaFunctionARN: EDGE }] } } } },
        }),
      ).toEqual(['Stack/Cdn: Properties.Copy.Properties.DistributionConfig.DefaultCacheBehavior.LambdaFunctionAssociations[0].LambdaFunctionARN']);
      const app = 'arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser';
      expect(
        judged({ Location: { ApplicationIdCopy: app }, Copy: { Properties: { Location: { ApplicationId: app } } } }, 'AWS::Serverless::Application'),
      ).toEqual(['Stack/Cdn: Properties.Location.ApplicationIdCopy', 'Stack/Cdn: Properties.Copy.Properties.Location.ApplicationId']);
    });

    test("a Serverless Application Repository ARN names its publisher's home region: us-east-1, GovCloud or China, nothing else", () => {
      const application = (id: string) =>
        findings(Region, template().resource('App', 'AWS::Serverless::Application', { Location: { ApplicationId: id } }));
      for (const home of ['us-east-1', 'us-gov-west-1', 'cn-north-1'])
        expect(application(`arn:aws:serverlessrepo:${home}:297356227824:applications/SecretsManagerRotation`)).toEqual([]);
      expect(application('arn:aws:serverlessrepo:ap-south-1:1:applications/x')).toEqual([
        'Stack/App: Properties.Location.ApplicationId names the region ap-south-1, outside eu-west-1',
      ]);
    });
  });

  describe('a stack in a foreign region and values naming it', () => {
    const virginia = () => template('Virginia', { region: 'us-east-1' });

    test("a value naming the stack's own region follows the stack; one naming yet another region is its own violation", () => {
      const stack = virginia().resource('Fn', 'AWS::Lambda::Function', {
        Environment: { Variables: { OWN: 'https://sqs.us-east-1.amazonaws.com/1/q', OTHER: 'https://sqs.us-west-2.amazonaws.com/1/q' } },
      });
      expect(violationsOf(Region, stack).map(({ path, message, derived }) => ({ path, message, derived }))).toEqual([
        {
          path: 'Virginia',
          message:
            'the stack deploys to us-east-1, not eu-west-1; 1 value(s) CDK derived from that region follow it and are fixed with it (Virginia/Fn)',
          derived: [{ path: 'Virginia/Fn', message: 'Properties.Environment.Variables.OWN names the region us-east-1, outside eu-west-1' }],
        },
        { path: 'Virginia/Fn', message: 'Properties.Environment.Variables.OTHER names the region us-west-2, outside eu-west-1', derived: undefined },
      ]);
    });

    test('checkResource marks only the values naming the stack region as following it', () => {
      expect(checkOne(Region, 'AWS::Custom::Thing', { Own: 'arn:aws:sqs:us-east-1:1:q', Other: 'arn:aws:sqs:us-west-2:1:q' }, virginia())).toEqual([
        {
          message: 'Properties.Own names the region us-east-1, outside eu-west-1',
          fix: "use eu-west-1 (or the stack's own region token) for Properties.Own",
          followsStackRegion: true,
        },
        {
          message: 'Properties.Other names the region us-west-2, outside eu-west-1',
          fix: "use eu-west-1 (or the stack's own region token) for Properties.Other",
        },
      ]);
    });

    test('a Ref to AWS::Region is the stack region, judged once at the stack', () => {
      expect(findings(Region, virginia().resource('Fn', 'AWS::Custom::Thing', { Target: { Ref: 'AWS::Region' }, Queue: { Ref: 'Queue' } }))).toEqual([
        'Virginia: the stack deploys to us-east-1, not eu-west-1',
      ]);
    });
  });
});

describe('SFX-REGION: values that name no region, and regions found in parts', () => {
  const queue = (props: Record<string, unknown>, stack = template()) => findings(Region, stack.resource('R', 'AWS::SQS::Queue', props));
  const cond = () => template().condition('C', { 'Fn::Equals': ['a', 'b'] });

  test('null, numbers, an unreadable import, a numeric mapping entry, an intrinsic with region-named variables and free text name none', () => {
    expect(queue({ Foo: null, Bar: 5 })).toEqual([]);
    expect(queue({ Foo: { 'Fn::ImportValue': 'Missing' } })).toEqual([]);
    expect(queue({ Foo: { 'Fn::FindInMap': ['M', 'a', 'b'] } }, template().mapping('M', { a: { b: 5 } }))).toEqual([]);
    expect(queue({ Foo: { 'Fn::Sub': ['${Region}', { Region: { Ref: 'P' } }] } }, template().parameter('P'))).toEqual([]);
    expect(queue({ Metadata: { Region: { Ref: 'P' } } }, template().parameter('P'))).toEqual([]);
  });

  test('a region field decided at deploy time in one rendering of a built string fails closed', () => {
    const target = { 'Fn::Join': ['', [{ 'Fn::If': ['C', 'arn:aws:sqs:', 'plain:'] }, { Ref: 'P' }, ':123:q']] };
    expect(queue({ Target: target }, cond().parameter('P'))).toEqual([
      'Stack/R: Properties.Target is not a literal (it is a string whose region part (an ARN\'s region field or a "region" entry) is decided at deploy time); ' +
        'the value must be a literal so the gate can prove it at synth time',
    ]);
  });

  test('a Fn::If naming one region as a value and another inside a branch structure reports both', () => {
    expect(queue({ Target: { 'Fn::If': ['C', 'us-east-1', { Nested: 'ap-south-1' }] } }, cond())).toEqual([
      'Stack/R: Properties.Target names the region us-east-1, outside eu-west-1',
      'Stack/R: Properties.Target.Fn::If[2].Nested names the region ap-south-1, outside eu-west-1',
    ]);
  });
});
