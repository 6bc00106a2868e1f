/** rules/core/values: the values a property can take at deploy time, and string expressions rendered as parts. */
import { TemplateView } from '../../../rules/core/template';
import { literalString, possibleValues, render, toNumber } from '../../../rules/core/values';
import { openAll, template, TemplateBuilder } from '../support/template-builder';

/** The view of the first stack, opened with the others as one synthesis. */
const viewOf = (stack: TemplateBuilder, ...others: TemplateBuilder[]): TemplateView => openAll([stack, ...others])[0].view;
/** The view of `stack`'s nested stack `Child`. */
const childOf = (stack: TemplateBuilder): TemplateView => openAll([stack]).find((t) => t.stackPath.endsWith('/Child'))!.view;
const eu = viewOf(template());
const agnostic = viewOf(template('Stack', {}));
const DYNAMIC = 'a dynamic reference ({{resolve:…}}) that CloudFormation replaces at deploy time';

describe('possibleValues of literals', () => {
  test('a literal (scalar, list, object) has itself as its one value', () => {
    expect(possibleValues('x', eu)).toEqual({ kind: 'known', values: ['x'] });
    expect(possibleValues(undefined, eu)).toEqual({ kind: 'known', values: [undefined] });
    expect(possibleValues([1, { a: 'b' }], eu)).toEqual({ kind: 'known', values: [[1, { a: 'b' }]] });
    expect(possibleValues({ Ref: 'X', Other: 1 }, eu)).toEqual({ kind: 'known', values: [{ Ref: 'X', Other: 1 }] });
  });

  test('a structure holding an intrinsic function anywhere is unknown', () => {
    const structure = { kind: 'unknown', reason: 'a structure built from intrinsic functions' };
    expect(possibleValues([{ Ref: 'AWS::Region' }], eu)).toEqual(structure);
    expect(possibleValues({ a: { b: [{ 'Fn::Sub': 'x' }] } }, eu)).toEqual(structure);
    // One intrinsic beside literals is enough.
    expect(possibleValues(['gp3', { Ref: 'AWS::Region' }], eu)).toEqual(structure);
    expect(possibleValues({ Name: 'db', Port: { Ref: 'Port' } }, eu)).toEqual(structure);
  });

  test('a dynamic reference anywhere in a literal is unknown', () => {
    const dynamic = { kind: 'unknown', reason: DYNAMIC };
    expect(possibleValues('{{resolve:ssm:/db/multi-az}}', eu)).toEqual(dynamic);
    expect(possibleValues(['a', 'x{{resolve:secretsmanager:s}}'], eu)).toEqual(dynamic);
    expect(possibleValues({ a: { b: '{{resolve:ssm:p}}' } }, eu)).toEqual(dynamic);
    expect(possibleValues({ Name: 'db', Password: '{{resolve:secretsmanager:s}}' }, eu)).toEqual(dynamic);
    expect(possibleValues('{{ resolve }}', eu)).toEqual({ kind: 'known', values: ['{{ resolve }}'] });
  });
});

describe('possibleValues of Ref', () => {
  test('AWS::NoValue is absent; AWS::Region is the literal region of the stack', () => {
    expect(possibleValues({ Ref: 'AWS::NoValue' }, eu)).toEqual({ kind: 'known', values: [undefined] });
    expect(possibleValues({ Ref: 'AWS::Region' }, eu)).toEqual({ kind: 'known', values: ['eu-west-1'] });
    expect(possibleValues({ Ref: 'AWS::Region' }, agnostic)).toEqual({ kind: 'unknown', reason: 'the deploy-time value AWS::Region' });
  });

  test('a resource or another name is unknown, and says which', () => {
    const view = viewOf(template().resource('Bucket', 'AWS::S3::Bucket'));
    expect(possibleValues({ Ref: 'Bucket' }, view)).toEqual({ kind: 'unknown', reason: 'a reference to resource Bucket' });
    expect(possibleValues({ Ref: 'AWS::AccountId' }, view)).toEqual({ kind: 'unknown', reason: 'the deploy-time value AWS::AccountId' });
  });

  test('a parameter with primitive AllowedValues has those values, via the parameter', () => {
    const view = viewOf(
      template()
        .parameter('Az', { Type: 'String', AllowedValues: ['a', 2, true] })
        .parameter('Odd', { Type: 'String', AllowedValues: ['a', { b: 1 }] })
        .parameter('NotAList', { Type: 'String', AllowedValues: 'a' }),
    );
    expect(possibleValues({ Ref: 'Az' }, view)).toEqual({ kind: 'known', values: ['a', 2, true], via: 'parameter Az' });
    const free = (name: string) => ({ kind: 'unknown', reason: `CloudFormation parameter ${name} without AllowedValues, chosen at deploy time` });
    expect(possibleValues({ Ref: 'Odd' }, view)).toEqual(free('Odd'));
    expect(possibleValues({ Ref: 'NotAList' }, view)).toEqual(free('NotAList'));
  });

  test('a Number parameter with MinValue or MaxValue is a range; other bounds mean nothing', () => {
    const view = viewOf(
      template()
        .parameter('Min', { Type: 'Number', MinValue: '2' })
        .parameter('Max', { Type: 'Number', MaxValue: 9 })
        .parameter('Both', { Type: 'Number', MinValue: 0, MaxValue: 4 })
        .parameter('Text', { Type: 'String', MinValue: 2 })
        .parameter('Bad', { Type: 'Number', MinValue: 'two' })
        .parameter('Free', { Type: 'Number' }),
    );
    expect(possibleValues({ Ref: 'Min' }, view)).toEqual({ kind: 'range', min: 2, max: undefined, via: 'parameter Min' });
    expect(possibleValues({ Ref: 'Max' }, view)).toEqual({ kind: 'range', min: undefined, max: 9, via: 'parameter Max' });
    expect(possibleValues({ Ref: 'Both' }, view)).toEqual({ kind: 'range', min: 0, max: 4, via: 'parameter Both' });
    for (const name of ['Text', 'Bad', 'Free'])
      expect(possibleValues({ Ref: name }, view)).toEqual({
        kind: 'unknown',
        reason: `CloudFormation parameter ${name} without AllowedValues, chosen at deploy time`,
      });
  });

  test('an SSM-backed parameter is unknown even with AllowedValues (they constrain the name)', () => {
    const view = viewOf(template().parameter('Az', { Type: 'AWS::SSM::Parameter::Value<String>', AllowedValues: ['/az'] }));
    expect(possibleValues({ Ref: 'Az' }, view)).toEqual({
      kind: 'unknown',
      reason: 'CloudFormation parameter Az, whose value is read from SSM Parameter Store at deploy time',
    });
  });

  test('a parameter without a Type (CloudFormation rejects it) is judged by its AllowedValues, not an error', () => {
    const view = viewOf(
      template()
        .parameter('Az', { AllowedValues: ['a'] })
        .parameter('Odd', { Type: 5, AllowedValues: ['b'] }),
    );
    expect(possibleValues({ Ref: 'Az' }, view)).toEqual({ kind: 'known', values: ['a'], via: 'parameter Az' });
    expect(possibleValues({ Ref: 'Odd' }, view)).toEqual({ kind: 'known', values: ['b'], via: 'parameter Odd' });
  });

  test("a nested stack's parameter has the values its parent passes", () => {
    const child = template('Stack/Child').parameter('Az', { Type: 'String', AllowedValues: ['a', 'b'] });
    const parent = template().parameter('Choice', { Type: 'String', AllowedValues: ['x', 'y'] });
    expect(possibleValues({ Ref: 'Az' }, childOf(parent.nestedStack('Child', child, { Parameters: { Az: { Ref: 'Choice' } } })))).toEqual({
      kind: 'known',
      values: ['x', 'y'],
      via: 'parameter Choice',
    });
    const unpassed = template().nestedStack('Child', template('Stack/Child').parameter('Az', { Type: 'String', AllowedValues: ['a', 'b'] }));
    expect(possibleValues({ Ref: 'Az' }, childOf(unpassed))).toEqual({ kind: 'known', values: ['a', 'b'], via: 'parameter Az' });
  });
});

describe('possibleValues of Fn::If', () => {
  const view = viewOf(
    template()
      .parameter('Az', { Type: 'String', AllowedValues: ['a', 'b'] })
      .parameter('Count', { Type: 'Number', MinValue: 2 })
      .parameter('Free'),
  );

  test('both branches, via the condition', () => {
    expect(possibleValues({ 'Fn::If': ['IsProd', true, { Ref: 'Az' }] }, view)).toEqual({
      kind: 'known',
      values: [true, 'a', 'b'],
      via: 'Fn::If on IsProd',
    });
  });

  test('an unknown branch makes it unknown (its reason); a range beside other values is unknown', () => {
    const free = { kind: 'unknown', reason: 'CloudFormation parameter Free without AllowedValues, chosen at deploy time' };
    expect(possibleValues({ 'Fn::If': ['C', { Ref: 'Free' }, { Ref: 'Bucket' }] }, view)).toEqual(free);
    expect(possibleValues({ 'Fn::If': ['C', 1, { Ref: 'Free' }] }, view)).toEqual(free);
    expect(possibleValues({ 'Fn::If': ['C', { Ref: 'Count' }, 3] }, view)).toEqual({
      kind: 'unknown',
      reason: 'Fn::If on C mixing a numeric range with other values',
    });
    expect(possibleValues({ 'Fn::If': ['C', 3, { Ref: 'Count' }] }, view)).toEqual({
      kind: 'unknown',
      reason: 'Fn::If on C mixing a numeric range with other values',
    });
  });

  test('a malformed Fn::If is unknown', () => {
    const malformed = { kind: 'unknown', reason: 'a malformed Fn::If' };
    expect(possibleValues({ 'Fn::If': ['C', 1] }, view)).toEqual(malformed);
    expect(possibleValues({ 'Fn::If': ['C', 1, 2, 3] }, view)).toEqual(malformed);
    expect(possibleValues({ 'Fn::If': 'C' }, view)).toEqual(malformed);
  });
});

describe('possibleValues of Fn::FindInMap', () => {
  const zones = { eu: { primary: 'eu-west-1a', second: 'eu-west-1b' }, us: { primary: 'us-east-1a' } };
  const view = viewOf(
    template()
      .mapping('Zones', zones)
      .parameter('Region', { Type: 'String', AllowedValues: ['eu', 'us'] })
      .parameter('Slot', { Type: 'String', AllowedValues: ['primary'] })
      .parameter('Free'),
  );
  const lookup = (...args: unknown[]) => possibleValues({ 'Fn::FindInMap': ['Zones', ...args] }, view);
  const canMiss = { kind: 'unknown', reason: 'a Fn::FindInMap lookup of mapping Zones that can miss' };

  test('literal keys hit one entry', () => {
    expect(lookup('eu', 'second')).toEqual({ kind: 'known', values: ['eu-west-1b'], via: 'mapping Zones' });
  });

  test('keys with known values hit each entry they name; an unknown key may hit every entry', () => {
    expect(lookup({ Ref: 'Region' }, 'primary')).toEqual({ kind: 'known', values: ['eu-west-1a', 'us-east-1a'], via: 'mapping Zones' });
    expect(lookup('eu', { Ref: 'Free' })).toEqual({ kind: 'known', values: ['eu-west-1a', 'eu-west-1b'], via: 'mapping Zones' });
    expect(lookup({ Ref: 'Free' }, { Ref: 'Slot' })).toEqual({ kind: 'known', values: ['eu-west-1a', 'us-east-1a'], via: 'mapping Zones' });
  });

  test('a lookup that can miss (a missing top or second key) is unknown', () => {
    expect(lookup('ap', 'primary')).toEqual(canMiss);
    expect(lookup('eu', 'third')).toEqual(canMiss);
    expect(lookup({ Ref: 'Region' }, 'second')).toEqual(canMiss);
    expect(lookup({ Ref: 'Free' }, 'second')).toEqual(canMiss);
  });

  test('a DefaultValue (AWS::LanguageExtensions) joins the values found, or stands alone when every key misses', () => {
    expect(lookup({ Ref: 'Region' }, 'second', { DefaultValue: 'eu-west-1c' })).toEqual({
      kind: 'known',
      values: ['eu-west-1b', 'eu-west-1c'],
      via: 'mapping Zones with its DefaultValue',
    });
    expect(lookup('ap', 'primary', { DefaultValue: 'eu-west-1c' })).toEqual({
      kind: 'known',
      values: ['eu-west-1c'],
      via: 'mapping Zones with its DefaultValue',
    });
    expect(lookup('ap', 'primary', { Other: 'x' })).toEqual(canMiss);
    expect(lookup('ap', 'primary', 'eu-west-1c')).toEqual(canMiss);
    expect(lookup('eu', 'primary', { DefaultValue: { Ref: 'Free' } })).toEqual({
      kind: 'unknown',
      reason: 'CloudFormation parameter Free without AllowedValues, chosen at deploy time',
    });
  });

  test('a missing mapping, or a map name or argument list that is not literal, is unknown', () => {
    expect(possibleValues({ 'Fn::FindInMap': ['Other', 'eu', 'primary'] }, view)).toEqual({ kind: 'unknown', reason: 'the missing mapping Other' });
    const notLiteral = { kind: 'unknown', reason: 'a Fn::FindInMap whose map is not a literal' };
    expect(possibleValues({ 'Fn::FindInMap': [{ Ref: 'Free' }, 'eu', 'primary'] }, view)).toEqual(notLiteral);
    expect(possibleValues({ 'Fn::FindInMap': ['Zones', 'eu'] }, view)).toEqual(notLiteral);
    expect(possibleValues({ 'Fn::FindInMap': 'Zones' }, view)).toEqual(notLiteral);
  });

  test('a mapping with no entries can only miss', () => {
    expect(possibleValues({ 'Fn::FindInMap': ['Empty', { Ref: 'Free' }, 'x'] }, viewOf(template().parameter('Free').mapping('Empty', {})))).toEqual({
      kind: 'unknown',
      reason: 'a Fn::FindInMap lookup of mapping Empty that can miss',
    });
  });
});

describe('possibleValues of imports and other functions', () => {
  test('an import of an export of the app has the values its template gives it', () => {
    const producer = template('Producer')
      .parameter('Az', { Type: 'String', AllowedValues: ['a', 'b'] })
      .exportValue('az', { Ref: 'Az' });
    expect(possibleValues({ 'Fn::ImportValue': 'az' }, viewOf(template(), producer))).toEqual({
      kind: 'known',
      values: ['a', 'b'],
      via: 'parameter Az',
    });
  });

  test('an import of an export no judged template defines, or one that imports itself, is unknown', () => {
    const unknownImport = { kind: 'unknown', reason: 'an imported value (Fn::ImportValue)' };
    expect(possibleValues({ 'Fn::ImportValue': 'nobody' }, eu)).toEqual(unknownImport);
    const loop = template().exportValue('self', { 'Fn::ImportValue': 'self' });
    expect(possibleValues({ 'Fn::ImportValue': 'self' }, viewOf(loop))).toEqual(unknownImport);
  });

  test('Fn::GetAtt is unknown; a string of literals is known; another function is unknown by name', () => {
    expect(possibleValues({ 'Fn::GetAtt': ['Db', 'Endpoint.Port'] }, eu)).toEqual({
      kind: 'unknown',
      reason: 'an attribute of another resource (Fn::GetAtt)',
    });
    expect(possibleValues({ 'Fn::Join': ['-', ['a', { Ref: 'AWS::Region' }]] }, eu)).toEqual({ kind: 'known', values: ['a-eu-west-1'] });
    expect(possibleValues({ 'Fn::Sub': '${AWS::AccountId}' }, eu)).toEqual({ kind: 'unknown', reason: 'the intrinsic function Fn::Sub' });
    expect(possibleValues({ 'Fn::Base64': 'x' }, eu)).toEqual({ kind: 'unknown', reason: 'the intrinsic function Fn::Base64' });
  });
});

describe('literalString', () => {
  test('a string built only from literals and the known region (also as a Fn::Sub variable)', () => {
    expect(literalString({ 'Fn::Sub': 'arn:aws:s3:::b-${AWS::Region}' }, eu)).toBe('arn:aws:s3:::b-eu-west-1');
    expect(literalString({ 'Fn::Join': ['', ['b-', { Ref: 'AWS::Region' }]] }, eu)).toBe('b-eu-west-1');
    expect(literalString(5, eu)).toBe('5');
    expect(literalString({ 'Fn::Sub': '${AWS::Region}' }, agnostic)).toBeUndefined();
    expect(literalString({ 'Fn::Sub': 'x-${!Literal}' }, eu)).toBeUndefined();
    expect(literalString({ a: 1 }, eu)).toBeUndefined();
  });
});

describe('render', () => {
  const text = (t: string) => ({ kind: 'literal', text: t });
  const view = viewOf(template().parameter('Name').resource('Machine', 'AWS::StepFunctions::StateMachine'));

  test('scalars are literal text (empty text is no part); other literals are not strings', () => {
    expect(render('abc', eu)).toEqual([text('abc')]);
    expect(render(3, eu)).toEqual([text('3')]);
    expect(render(false, eu)).toEqual([text('false')]);
    expect(render('', eu)).toEqual([]);
    expect(render({ a: 1 }, eu)).toBeUndefined();
    expect(render(['a'], eu)).toBeUndefined();
    expect(render(undefined, eu)).toBeUndefined();
  });

  test('Ref: the literal region, a parameter, a pseudo parameter or a logical id', () => {
    expect(render({ Ref: 'AWS::Region' }, eu)).toEqual([text('eu-west-1')]);
    expect(render({ Ref: 'AWS::Region' }, agnostic)).toEqual([{ kind: 'pseudo', name: 'AWS::Region' }]);
    expect(render({ Ref: 'Name' }, view)).toEqual([{ kind: 'parameter', name: 'Name' }]);
    expect(render({ Ref: 'AWS::AccountId' }, view)).toEqual([{ kind: 'pseudo', name: 'AWS::AccountId' }]);
    expect(render({ Ref: 'Machine' }, view)).toEqual([{ kind: 'reference', logicalId: 'Machine' }]);
  });

  test("Ref of a nested stack's parameter: the parent's value when it is the same everywhere, else the parameter", () => {
    const nested = (value: unknown) =>
      childOf(
        template()
          .parameter('Free')
          .nestedStack('Child', template('Stack/Child').parameter('Name'), { Parameters: { Name: value } }),
      );
    expect(render({ Ref: 'Name' }, nested({ 'Fn::Sub': 'x-${AWS::AccountId}' }))).toEqual([text('x-'), { kind: 'pseudo', name: 'AWS::AccountId' }]);
    expect(render({ Ref: 'Name' }, nested({ Ref: 'Free' }))).toEqual([{ kind: 'parameter', name: 'Name' }]);
    expect(render({ Ref: 'Name' }, nested({ a: 1 }))).toEqual([{ kind: 'parameter', name: 'Name' }]);
  });

  test('Fn::GetAtt is a reference with its attribute', () => {
    expect(render({ 'Fn::GetAtt': ['Machine', 'Arn'] }, view)).toEqual([{ kind: 'reference', logicalId: 'Machine', attribute: 'Arn' }]);
    expect(render({ 'Fn::GetAtt': 'Machine.Arn' }, view)).toEqual([{ kind: 'reference', logicalId: 'Machine', attribute: 'Arn' }]);
  });

  test('Fn::Join: the parts with the delimiter between them; a malformed join is unknown', () => {
    expect(render({ 'Fn::Join': [':', ['arn', { Ref: 'Name' }, 'x']] }, view)).toEqual([
      text('arn:'),
      { kind: 'parameter', name: 'Name' },
      text(':x'),
    ]);
    expect(render({ 'Fn::Join': ['', ['a', { a: 1 }]] }, view)).toEqual([text('a'), { kind: 'unknown' }]);
    for (const malformed of [[':', 'a'], [{ Ref: 'Name' }, ['a']], 'a'])
      expect(render({ 'Fn::Join': malformed }, view)).toEqual([{ kind: 'unknown' }]);
  });

  test('Fn::Sub: variables of its map are their values, other names are named parts, ${!X} is text', () => {
    expect(render({ 'Fn::Sub': 'a-${Name}-${Machine.Arn}-${AWS::Region}-${!Esc}' }, view)).toEqual([
      text('a-'),
      { kind: 'parameter', name: 'Name' },
      text('-'),
      { kind: 'reference', logicalId: 'Machine', attribute: 'Arn' },
      text('-eu-west-1-${!Esc}'),
    ]);
    expect(render({ 'Fn::Sub': ['${Name}/${Other}/${Obj}', { Name: 'lit', Other: { Ref: 'Name' }, Obj: { a: 1 } }] }, view)).toEqual([
      text('lit/'),
      { kind: 'parameter', name: 'Name' },
      text('/'),
      { kind: 'unknown' },
    ]);
    expect(render({ 'Fn::Sub': ['${Name}', 'not-a-map'] }, view)).toEqual([{ kind: 'parameter', name: 'Name' }]);
    expect(render({ 'Fn::Sub': [{ Ref: 'Name' }] }, view)).toEqual([{ kind: 'unknown' }]);
    expect(render({ 'Fn::Sub': '${}' }, view)).toEqual([{ kind: 'reference', logicalId: '' }]);
  });

  test('Fn::Select of a Fn::Split at ":" or "/" of one part is a segment of it; anything else is unknown', () => {
    const select = (index: unknown, delimiter: unknown, of: unknown) => render({ 'Fn::Select': [index, { 'Fn::Split': [delimiter, of] }] }, view);
    const arn = { kind: 'reference', logicalId: 'Machine', attribute: 'Arn' };
    expect(select(6, ':', { 'Fn::GetAtt': ['Machine', 'Arn'] })).toEqual([{ kind: 'segment', of: arn, delimiter: ':', index: 6 }]);
    expect(select('1', '/', { Ref: 'Name' })).toEqual([{ kind: 'segment', of: { kind: 'parameter', name: 'Name' }, delimiter: '/', index: 1 }]);
    expect(select(0, '/', { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Machine', 'Arn'] }] }] })).toEqual([
      { kind: 'segment', of: { kind: 'segment', of: arn, delimiter: ':', index: 5 }, delimiter: '/', index: 0 },
    ]);
    const unknown = [{ kind: 'unknown' }];
    expect(select(6, ',', { Ref: 'Name' })).toEqual(unknown);
    expect(select('x', ':', { Ref: 'Name' })).toEqual(unknown);
    expect(select(1, ':', 'a:b')).toEqual(unknown);
    expect(select(1, ':', { 'Fn::Join': ['', ['a', { Ref: 'Name' }]] })).toEqual(unknown);
    expect(select(1, ':', { a: 1 })).toEqual(unknown);
    expect(render({ 'Fn::Select': [0, ['a', 'b']] }, view)).toEqual(unknown);
    expect(render({ 'Fn::Select': [0, { 'Fn::Split': ':' }] }, view)).toEqual(unknown);
    expect(render({ 'Fn::Select': 'x' }, view)).toEqual(unknown);
  });

  test('Fn::ImportValue: an export the same everywhere renders as it; another export of the app is an import part', () => {
    const producer = template('Producer').parameter('P').exportValue('literal', { 'Fn::Sub': 'q-${AWS::Region}' }).exportValue('param', { Ref: 'P' });
    const consumer = viewOf(template(), producer);
    expect(render({ 'Fn::ImportValue': 'literal' }, consumer)).toEqual([text('q-eu-west-1')]);
    expect(render({ 'Fn::ImportValue': 'param' }, consumer)).toEqual([{ kind: 'import', exportName: 'param' }]);
    expect(render({ 'Fn::ImportValue': 'nobody' }, consumer)).toEqual([{ kind: 'unknown' }]);
    // An export that imports itself is followed once, not forever.
    expect(render({ 'Fn::ImportValue': 'self' }, viewOf(template().exportValue('self', { 'Fn::ImportValue': 'self' })))).toEqual([
      { kind: 'import', exportName: 'self' },
    ]);
  });

  test('another intrinsic function is unknown', () => {
    expect(render({ 'Fn::Base64': 'x' }, view)).toEqual([{ kind: 'unknown' }]);
  });
});

describe('toNumber', () => {
  test('numbers and numeric strings; nothing else', () => {
    expect([2, '3', ' 4 ', '0', '1e1'].map(toNumber)).toEqual([2, 3, 4, 0, 10]);
    expect(['', '  ', 'two', undefined, null, true, [1]].map(toNumber)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
