/** rules/core/rendered: a string expression as typed parts, and what rules read from the parts. */
import {
  arnFields,
  arnService,
  hasVariableText,
  isFullyLiteral,
  isParameterOrUnknown,
  knownText,
  literalText,
  normalize,
  onlySameEverywhere,
  partsToDisplay,
  Rendered,
  RenderedPart,
  rootOf,
  segmentsOf,
} from '../../../rules/core/rendered';

const text = (t: string): RenderedPart => ({ kind: 'literal', text: t });
const param = (name: string): RenderedPart => ({ kind: 'parameter', name });
const pseudo = (name: string): RenderedPart => ({ kind: 'pseudo', name });
const ref = (logicalId: string, attribute?: string): RenderedPart => ({ kind: 'reference', logicalId, ...(attribute ? { attribute } : {}) });
const UNKNOWN: RenderedPart = { kind: 'unknown' };

describe('normalize', () => {
  test('merges adjacent literal text and drops empty text', () => {
    expect(normalize([text('a'), text(''), text('b'), param('P'), text(''), text('c'), text('d')])).toEqual([text('ab'), param('P'), text('cd')]);
    expect(normalize([text('')])).toEqual([]);
    expect(normalize([param('P'), param('Q')])).toEqual([param('P'), param('Q')]);
  });

  test('does not change the parts it is given', () => {
    const parts = [text('a'), text('b')];
    normalize(parts);
    expect(parts).toEqual([text('a'), text('b')]);
  });
});

describe('literal text', () => {
  test('isFullyLiteral and literalText: only literal parts have a text', () => {
    expect(isFullyLiteral([text('a'), text('b')])).toBe(true);
    expect(isFullyLiteral([])).toBe(true);
    expect(isFullyLiteral([text('a'), param('P')])).toBe(false);
    expect(literalText([text('arn:'), text('x')])).toBe('arn:x');
    expect(literalText([text('arn:'), pseudo('AWS::Region')])).toBeUndefined();
  });

  test('hasVariableText: ${…} in literal text, never in other parts', () => {
    expect(hasVariableText(text('arn:${aws:username}'))).toBe(true);
    expect(hasVariableText(text('$ and {}'))).toBe(false);
    expect(hasVariableText(param('${P}'))).toBe(false);
  });

  test('knownText: literal text without a ${…} variable or a {{resolve:…}} dynamic reference', () => {
    expect(knownText([text('eu-west-1')])).toBe('eu-west-1');
    expect(knownText([])).toBe('');
    expect(knownText([text('home/${aws:username}')])).toBeUndefined();
    expect(knownText([text('{{resolve:ssm:/region}}')])).toBeUndefined();
    expect(knownText([text('{{other}}$')])).toBe('{{other}}$');
    expect(knownText([param('Region')])).toBeUndefined();
  });
});

describe('segments', () => {
  const arn = ref('Machine', 'Arn');
  const region: RenderedPart = { kind: 'segment', of: arn, delimiter: ':', index: 3 };
  const name: RenderedPart = { kind: 'segment', of: { kind: 'segment', of: arn, delimiter: ':', index: 5 }, delimiter: '/', index: 1 };

  test('rootOf is the part a chain of segments is cut from; segmentsOf lists the cuts innermost first', () => {
    expect(rootOf(name)).toEqual(arn);
    expect(rootOf(arn)).toEqual(arn);
    expect(segmentsOf(region)).toEqual([{ delimiter: ':', index: 3 }]);
    expect(segmentsOf(name)).toEqual([
      { delimiter: ':', index: 5 },
      { delimiter: '/', index: 1 },
    ]);
    expect(segmentsOf(arn)).toEqual([]);
  });

  test('isParameterOrUnknown: a parameter, a segment of one, or an intrinsic the gate cannot follow', () => {
    expect(isParameterOrUnknown(param('P'))).toBe(true);
    expect(isParameterOrUnknown({ kind: 'segment', of: param('P'), delimiter: ':', index: 4 })).toBe(true);
    expect(isParameterOrUnknown(UNKNOWN)).toBe(true);
    expect(isParameterOrUnknown(region)).toBe(false);
    expect(isParameterOrUnknown(pseudo('AWS::AccountId'))).toBe(false);
    expect(isParameterOrUnknown(text('x'))).toBe(false);
  });
});

describe('onlySameEverywhere', () => {
  test('literal text and the pseudo parameters that are the same in every stack of one account and region', () => {
    for (const name of ['AWS::AccountId', 'AWS::Partition', 'AWS::Region', 'AWS::URLSuffix', 'AWS::StackName', 'AWS::StackId']) {
      expect(onlySameEverywhere([text('arn:'), pseudo(name)])).toBe(true);
    }
    expect(onlySameEverywhere([])).toBe(true);
  });

  test('not a variable in the text, another pseudo parameter, a parameter, a reference or an unknown part', () => {
    expect(onlySameEverywhere([text('${aws:username}')])).toBe(false);
    expect(onlySameEverywhere([pseudo('AWS::NoValue')])).toBe(false);
    expect(onlySameEverywhere([pseudo('AWS::NotificationARNs')])).toBe(false);
    expect(onlySameEverywhere([text('a'), param('P')])).toBe(false);
    expect(onlySameEverywhere([ref('Bucket')])).toBe(false);
    expect(onlySameEverywhere([UNKNOWN])).toBe(false);
  });
});

describe('ARN fields', () => {
  const bucketArn: Rendered = [text('arn:'), pseudo('AWS::Partition'), text(':s3:::'), ref('Bucket'), text('/a:b')];

  test('arnFields splits only the literal text at ":", keeping other parts in their field', () => {
    expect(arnFields(bucketArn)).toEqual([[text('arn')], [pseudo('AWS::Partition')], [text('s3')], [], [], [ref('Bucket'), text('/a')], [text('b')]]);
    expect(arnFields([param('P')])).toEqual([[param('P')]]);
    expect(arnFields([])).toEqual([[]]);
  });

  test('arnService is the literal service of a value that starts like an ARN', () => {
    expect(arnService(bucketArn)).toBe('s3');
    expect(arnService([text('arn:aws:sqs:eu-west-1')])).toBe('sqs');
    expect(arnService([text('arn:aws:sqs')])).toBeUndefined();
    expect(arnService([text('urn:aws:sqs:eu-west-1:1:q')])).toBeUndefined();
    expect(arnService([text('arn:aws:'), param('Service'), text(':eu-west-1:1:q')])).toBeUndefined();
    expect(arnService([param('Prefix'), text(':aws:sqs:eu-west-1:1:q')])).toBeUndefined();
  });
});

describe('partsToDisplay', () => {
  test('literal text as is, every other part as a placeholder without ":"', () => {
    const parts: Rendered = [
      text('arn:'),
      pseudo('AWS::Partition'),
      text(':'),
      param('Name'),
      text(':'),
      ref('Bucket'),
      text(':'),
      ref('Bucket', 'Arn'),
      text(':'),
      ref('Ns::Odd', 'A::B'),
      text(':'),
      { kind: 'import', exportName: 'ab' },
      text(':'),
      { kind: 'segment', of: ref('Machine', 'Arn'), delimiter: ':', index: 6 },
      text(':'),
      { kind: 'segment', of: { kind: 'segment', of: param('P'), delimiter: ':', index: 5 }, delimiter: '/', index: 1 },
      text(':'),
      { kind: 'segment', of: text('a:b'), delimiter: ':', index: 0 },
      text(':'),
      UNKNOWN,
    ];
    expect(partsToDisplay(parts)).toBe(
      'arn:${AWS.Partition}:${param.Name}:${Bucket}:${Bucket.Arn}:${Ns.Odd.A.B}:${import.6162}:${Machine.Arn.SplitColon6}:' +
        '${param.P.SplitColon5.SplitSlash1}:${literal.SplitColon0}:${intrinsic}',
    );
  });
});
