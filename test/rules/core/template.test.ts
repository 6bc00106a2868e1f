/** rules/core/template: the read-only view of one rendered template and the references it follows. */
import { SharedTemplates } from '../../../rules/core/shared-templates';
import { RenderedTemplate, TemplateView } from '../../../rules/core/template';

/** Views opened together, as the gate opens one synthesis. */
function synthesis() {
  const shared = new SharedTemplates();
  const open = (template: RenderedTemplate, region = 'eu-west-1'): TemplateView => {
    const view = new TemplateView(template, { region, shared });
    shared.addTemplate(view);
    return view;
  };
  const nest = (parent: TemplateView, logicalId: string, template: RenderedTemplate): TemplateView => {
    const child = open(template);
    shared.addNested(parent, logicalId, child);
    return child;
  };
  return { shared, open, nest };
}

describe('TemplateView resources', () => {
  const view = new TemplateView({
    Resources: {
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'b' } },
      Bare: { Type: 'AWS::S3::Bucket' },
      Maybe: { Type: 'AWS::S3::Bucket', Condition: 'IsProd' },
      Odd: { Type: 'AWS::SQS::Queue', Properties: ['not', 'an', 'object'] } as never,
      Broken: null as never,
    },
  });

  test('each resource keeps its logical id, type, properties ({} when absent or malformed), condition, raw entry and home', () => {
    expect(view.resource('Bucket')).toEqual({
      logicalId: 'Bucket',
      type: 'AWS::S3::Bucket',
      properties: { BucketName: 'b' },
      condition: undefined,
      raw: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'b' } },
      home: view,
    });
    expect(view.resource('Bucket')!.home).toBe(view);
    expect(view.resource('Bare')!.properties).toEqual({});
    expect(view.resource('Maybe')!.condition).toBe('IsProd');
    expect(view.resource('Odd')!.properties).toEqual({});
    expect(view.resource('Broken')).toEqual({ logicalId: 'Broken', type: '', properties: {}, condition: undefined, raw: {}, home: view });
    expect(view.resource('Missing')).toBeUndefined();
  });

  test('by type, and only those that exist whatever the conditions', () => {
    expect(view.allResources().map((r) => r.logicalId)).toEqual(['Bucket', 'Bare', 'Maybe', 'Odd', 'Broken']);
    expect(view.resourcesOfType('AWS::S3::Bucket').map((r) => r.logicalId)).toEqual(['Bucket', 'Bare', 'Maybe']);
    expect(view.unconditionalResourcesOfType('AWS::S3::Bucket').map((r) => r.logicalId)).toEqual(['Bucket', 'Bare']);
  });

  test('a template without Resources has none', () => {
    expect(new TemplateView({}).allResources()).toEqual([]);
  });
});

describe('TemplateView sections', () => {
  test('transforms: names of a string, a list, or { Name } entries', () => {
    expect(new TemplateView({ Transform: 'AWS::Serverless-2016-10-31' }).transforms()).toEqual(['AWS::Serverless-2016-10-31']);
    expect(new TemplateView({ Transform: ['AWS::LanguageExtensions', { Name: 'AWS::Include', Parameters: {} }, {}] }).transforms()).toEqual([
      'AWS::LanguageExtensions',
      'AWS::Include',
      '',
    ]);
    expect(new TemplateView({}).transforms()).toEqual([]);
  });

  test('parameter and mapping by name', () => {
    const view = new TemplateView({ Parameters: { Env: { Type: 'String' } }, Mappings: { Zones: { eu: { a: 'x' } } } });
    expect(view.parameter('Env')).toEqual({ Type: 'String' });
    expect(view.parameter('Other')).toBeUndefined();
    expect(view.mapping('Zones')).toEqual({ eu: { a: 'x' } });
    expect(view.mapping('Other')).toBeUndefined();
    expect(new TemplateView({}).parameter('Env')).toBeUndefined();
    expect(new TemplateView({}).mapping('Zones')).toBeUndefined();
  });

  test('facts: region and account as given; no nested stacks judged unless told', () => {
    const view = new TemplateView({}, { region: 'eu-west-1', account: '111', judgedNestedStacks: new Set(['Child']) });
    expect([view.region, view.account, [...view.judgedNestedStacks]]).toEqual(['eu-west-1', '111', ['Child']]);
    const bare = new TemplateView({});
    expect([bare.region, bare.account, [...bare.judgedNestedStacks]]).toEqual([undefined, undefined, []]);
  });
});

describe('exports and imports', () => {
  test('exportedValues: literal export names of outputs without a Condition', () => {
    const view = new TemplateView({
      Outputs: {
        Id: { Value: { Ref: 'Vpc' }, Export: { Name: 'vpc-id' } },
        Maybe: { Value: 'x', Export: { Name: 'maybe' }, Condition: 'IsProd' },
        Computed: { Value: 'x', Export: { Name: { 'Fn::Sub': '${AWS::StackName}-id' } } },
        Plain: { Value: 'x' },
        Odd: { Value: 'x', Export: 'not-an-object' } as never,
        Broken: null as never,
      },
    });
    expect(view.exportedValues()).toEqual([['vpc-id', { value: { Ref: 'Vpc' }, view }]]);
    expect(new TemplateView({}).exportedValues()).toEqual([]);
  });

  test('importedValue and exportNamed: an export of the synthesis, by literal name', () => {
    const { open } = synthesis();
    const producer = open({ Outputs: { Id: { Value: 'vpc-1', Export: { Name: 'vpc-id' } } } });
    const consumer = open({});
    expect(consumer.exportNamed('vpc-id')).toEqual({ value: 'vpc-1', view: producer });
    expect(consumer.importedValue({ 'Fn::ImportValue': 'vpc-id' })).toEqual({ value: 'vpc-1', view: producer });
    expect(consumer.importedValue({ 'Fn::ImportValue': 'other' })).toBeUndefined();
    expect(consumer.importedValue({ 'Fn::ImportValue': { 'Fn::Sub': 'vpc-id' } })).toBeUndefined();
    expect(consumer.importedValue({ Ref: 'vpc-id' })).toBeUndefined();
    // Not an intrinsic function once it has another key: a literal object, whatever its Fn::ImportValue says.
    expect(consumer.importedValue({ 'Fn::ImportValue': 'vpc-id', Extra: 1 })).toBeUndefined();
    expect(consumer.importedValue('vpc-id')).toBeUndefined();
  });

  test('judgedTemplates: every template of the synthesis, and a template made alone is judged with itself', () => {
    const { open } = synthesis();
    const [a, b] = [open({}), open({})];
    expect(a.judgedTemplates()).toEqual([a, b]);
    const alone = new TemplateView({});
    expect(alone.judgedTemplates()).toEqual([alone]);
    const shared = new SharedTemplates();
    shared.addTemplate(a);
    const outsider = new TemplateView({}, { shared });
    expect(outsider.judgedTemplates()).toEqual([outsider, a]);
  });
});

describe('nested stacks', () => {
  const childTemplate: RenderedTemplate = {
    Parameters: { Name: { Type: 'String' }, Size: { Type: 'Number' }, Ids: { Type: 'List<String>' }, Unpassed: { Type: 'String' } },
    Resources: { Queue: { Type: 'AWS::SQS::Queue' } },
    Outputs: { QueueArn: { Value: { 'Fn::GetAtt': ['Queue', 'Arn'] } } },
  };

  test('nestedParameter: the value the parent passes to a String or Number parameter, in the parent', () => {
    const { open, nest } = synthesis();
    const parent = open({
      Resources: {
        Child: { Type: 'AWS::CloudFormation::Stack', Properties: { Parameters: { Name: { Ref: 'Bucket' }, Size: 3, Ids: 'a,b' } } },
        Bucket: { Type: 'AWS::S3::Bucket' },
      },
    });
    const child = nest(parent, 'Child', childTemplate);
    expect(parent.nestedTemplate('Child')).toBe(child);
    expect(parent.nestedTemplate('Bucket')).toBeUndefined();
    expect(child.nestedParameter('Name')).toEqual({ value: { Ref: 'Bucket' }, view: parent });
    expect(child.nestedParameter('Size')).toEqual({ value: 3, view: parent });
    expect(child.nestedParameter('Ids')).toBeUndefined();
    expect(child.nestedParameter('Unpassed')).toBeUndefined();
    expect(child.nestedParameter('Missing')).toBeUndefined();
    expect(parent.nestedParameter('Name')).toBeUndefined();
  });

  test('nestedParameter: nothing when the parent passes no Parameters object', () => {
    const { open, nest } = synthesis();
    const parent = open({ Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Properties: { Parameters: 'Name=x' } } } });
    expect(nest(parent, 'Child', childTemplate).nestedParameter('Name')).toBeUndefined();
    const noStack = open({});
    expect(nest(noStack, 'Child', childTemplate).nestedParameter('Name')).toBeUndefined();
  });
});

describe('referencedResource', () => {
  test('Ref and Fn::GetAtt of a resource of the template; anything else is undefined', () => {
    const view = new TemplateView({ Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } });
    expect(view.referencedResource({ Ref: 'Bucket' })?.logicalId).toBe('Bucket');
    expect(view.referencedResource({ 'Fn::GetAtt': ['Bucket', 'Arn'] })?.logicalId).toBe('Bucket');
    expect(view.referencedResource({ Ref: 'Other' })).toBeUndefined();
    expect(view.referencedResource('Bucket')).toBeUndefined();
  });

  test('through an import, into the exporting template', () => {
    const { open } = synthesis();
    const producer = open({
      Resources: { Vpc: { Type: 'AWS::EC2::VPC' } },
      Outputs: { Id: { Value: { Ref: 'Vpc' }, Export: { Name: 'vpc-id' } } },
    });
    const consumer = open({ Resources: { Vpc: { Type: 'AWS::EC2::Subnet' } } });
    const found = consumer.referencedResource({ 'Fn::ImportValue': 'vpc-id' });
    expect(found?.type).toBe('AWS::EC2::VPC');
    expect(found?.home).toBe(producer);
  });

  test('into the parent through a nested parameter, into a nested stack through its output', () => {
    const { open, nest } = synthesis();
    const parent = open({
      Resources: {
        Child: { Type: 'AWS::CloudFormation::Stack', Properties: { Parameters: { Name: { Ref: 'Bucket' } } } },
        Bucket: { Type: 'AWS::S3::Bucket' },
      },
    });
    const child = nest(parent, 'Child', {
      Parameters: { Name: { Type: 'String' } },
      Resources: { Queue: { Type: 'AWS::SQS::Queue' }, Name: { Type: 'AWS::SNS::Topic' } },
      Outputs: { QueueArn: { Value: { 'Fn::GetAtt': ['Queue', 'Arn'] } } },
    });
    expect(child.referencedResource({ Ref: 'Name' })?.home).toBe(parent);
    expect(child.referencedResource({ Ref: 'Name' })?.logicalId).toBe('Bucket');
    // Only a Ref reads the parameter; a GetAtt names a resource of the template.
    expect(child.referencedResource({ 'Fn::GetAtt': ['Name', 'TopicArn'] })?.type).toBe('AWS::SNS::Topic');
    const queue = parent.referencedResource({ 'Fn::GetAtt': ['Child', 'Outputs.QueueArn'] });
    expect(queue?.logicalId).toBe('Queue');
    expect(queue?.home).toBe(child);
    expect(parent.referencedResource({ 'Fn::GetAtt': ['Child', 'Outputs.Missing'] })).toBeUndefined();
    expect(parent.referencedResource({ 'Fn::GetAtt': ['Child', 'Arn'] })?.type).toBe('AWS::CloudFormation::Stack');
  });

  test('an output a nested template does not define (it has no Outputs) references nothing', () => {
    const { open, nest } = synthesis();
    const parent = open({ Resources: { Child: { Type: 'AWS::CloudFormation::Stack' } } });
    nest(parent, 'Child', { Resources: { Queue: { Type: 'AWS::SQS::Queue' } } });
    expect(parent.referencedResource({ 'Fn::GetAtt': ['Child', 'Outputs.QueueArn'] })).toBeUndefined();
    expect(parent.referencedResource({ Ref: 'Child' })?.type).toBe('AWS::CloudFormation::Stack');
  });

  test('references that loop through a nested stack and an export end', () => {
    // The parent passes the child's own export back into the parameter that export is made of.
    const viaParameter = synthesis();
    const parent = viaParameter.open({
      Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Properties: { Parameters: { Name: { 'Fn::ImportValue': 'name' } } } } },
    });
    const child = viaParameter.nest(parent, 'Child', {
      Parameters: { Name: { Type: 'String' } },
      Outputs: { Name: { Value: { Ref: 'Name' }, Export: { Name: 'name' } } },
    });
    expect(child.referencedResource({ Ref: 'Name' })).toBeUndefined();
    // The child's output imports the parent's export, which reads that output.
    const viaOutput = synthesis();
    const top = viaOutput.open({
      Resources: { Child: { Type: 'AWS::CloudFormation::Stack' } },
      Outputs: { Arn: { Value: { 'Fn::GetAtt': ['Child', 'Outputs.Arn'] }, Export: { Name: 'arn' } } },
    });
    viaOutput.nest(top, 'Child', { Outputs: { Arn: { Value: { 'Fn::ImportValue': 'arn' } } } });
    expect(top.referencedResource({ 'Fn::GetAtt': ['Child', 'Outputs.Arn'] })).toBeUndefined();
  });

  test('a stack resource whose template the gate did not render is the stack resource itself', () => {
    const view = new TemplateView({ Resources: { Child: { Type: 'AWS::CloudFormation::Stack' } } });
    expect(view.referencedResource({ 'Fn::GetAtt': ['Child', 'Outputs.QueueArn'] })?.logicalId).toBe('Child');
  });

  test('follows at most five imports, so exports that import each other end', () => {
    const { open } = synthesis();
    // Export e<n> of template n imports e<n+1>; the last template exports its bucket.
    const depth = (hops: number) => {
      const { open: openChain } = synthesis();
      const views = Array.from({ length: hops }, (_, n) =>
        openChain({ Outputs: { Out: { Value: { 'Fn::ImportValue': `e${n + 1}` }, Export: { Name: `e${n}` } } } }),
      );
      openChain({ Resources: { Bucket: { Type: 'AWS::S3::Bucket' } }, Outputs: { Out: { Value: { Ref: 'Bucket' }, Export: { Name: `e${hops}` } } } });
      return views[0].referencedResource({ 'Fn::ImportValue': 'e0' })?.logicalId;
    };
    expect(depth(4)).toBe('Bucket');
    expect(depth(5)).toBeUndefined();
    const loop = open({ Outputs: { Out: { Value: { 'Fn::ImportValue': 'self' }, Export: { Name: 'self' } } } });
    expect(loop.referencedResource({ 'Fn::ImportValue': 'self' })).toBeUndefined();
  });
});
