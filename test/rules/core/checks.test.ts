/** rules/core/checks: judging the possible values of a property against what the control requires. */
import { judge, requireAtLeast } from '../../../rules/core/checks';
import { TemplateView } from '../../../rules/core/template';
import { Possible } from '../../../rules/core/values';
import { openAll, template, TemplateBuilder } from '../support/template-builder';

const viewOf = (stack: TemplateBuilder = template()): TemplateView => openAll([stack])[0].view;
const atLeastTwo = (value: unknown) => typeof value === 'number' && value >= 2;
const judged = (possible: Possible) => judge(possible, 'Size', atLeastTwo, 'at least 2', 'no default');

describe('judge', () => {
  const outOfRange = {
    message: 'Size comes from parameter P, whose range allows values that are not at least 2',
    fix: 'set Size to at least 2, or constrain parameter P',
  };

  test('a range passes only when both ends are set and both comply', () => {
    expect(judged({ kind: 'range', min: 2, max: 5, via: 'parameter P' })).toBeUndefined();
    expect(judged({ kind: 'range', min: 1, max: 5, via: 'parameter P' })).toEqual(outOfRange);
    expect(judged({ kind: 'range', min: 2, max: 1, via: 'parameter P' })).toEqual(outOfRange);
    expect(judged({ kind: 'range', max: 5, via: 'parameter P' })).toEqual(outOfRange);
    expect(judged({ kind: 'range', min: 3, via: 'parameter P' })).toEqual(outOfRange);
    expect(judged({ kind: 'range', via: 'parameter P' })).toEqual(outOfRange);
    // Even where absence would comply (a default that does), an open end of the range is not absence.
    const okOrAbsent = (value: unknown) => value === undefined || atLeastTwo(value);
    expect(judge({ kind: 'range', max: 5, via: 'parameter P' }, 'Size', okOrAbsent, 'at least 2', 'default: 2')).toEqual(outOfRange);
    expect(judge({ kind: 'range', min: 3, via: 'parameter P' }, 'Size', okOrAbsent, 'at least 2', 'default: 2')).toEqual(outOfRange);
  });

  test('allowed values that do not comply are all named, comma-separated', () => {
    expect(judged({ kind: 'known', values: [1, 2, 'x'], via: 'parameter P' })).toEqual({
      message: 'Size comes from parameter P, which allows 1, "x"',
      fix: 'make every allowed value of parameter P at least 2, or set Size to a literal',
    });
    expect(judged({ kind: 'known', values: [2, 3], via: 'parameter P' })).toBeUndefined();
  });

  test('a literal or absent value, and an unknown one', () => {
    expect(judged({ kind: 'known', values: [1] })).toEqual({ message: 'Size is 1', fix: 'set Size to at least 2' });
    expect(judged({ kind: 'known', values: [undefined] })).toEqual({ message: 'Size is absent (no default)', fix: 'set Size to at least 2' });
    expect(judged({ kind: 'unknown', reason: 'decided at deploy time' })).toEqual({
      message: 'Size is not a literal (it is decided at deploy time); the value must be a literal so the gate can prove it at synth time',
      fix: 'set Size to at least 2 as a literal',
    });
  });
});

describe('requireAtLeast', () => {
  const atLeast = (properties: Record<string, unknown>, minimum: number, defaultValue: number | undefined, stack?: TemplateBuilder) =>
    requireAtLeast(properties, 'Size', minimum, viewOf(stack), defaultValue);
  const numberParameter = (body: Record<string, unknown>) => template().parameter('P', { Type: 'Number', ...body });

  test('an absent value is its default, when there is one', () => {
    expect(atLeast({}, 1, 1)).toBeUndefined();
    expect(atLeast({}, 2, 1)).toEqual({ message: 'Size is absent (CloudFormation default: 1)', fix: 'set Size to at least 2' });
    expect(atLeast({}, 1, undefined)).toEqual({ message: 'Size is absent (no default that can be proven)', fix: 'set Size to at least 1' });
  });

  test('numbers and numeric strings are compared; other values fail', () => {
    expect(atLeast({ Size: 2 }, 2, undefined)).toBeUndefined();
    expect(atLeast({ Size: '3' }, 2, undefined)).toBeUndefined();
    expect(atLeast({ Size: 1 }, 2, 5)).toEqual({ message: 'Size is 1', fix: 'set Size to at least 2' });
    expect(atLeast({ Size: 'many' }, 2, 5)).toEqual({ message: 'Size is "many"', fix: 'set Size to at least 2' });
  });

  test('a numeric parameter whose MinValue reaches the minimum complies whatever its MaxValue', () => {
    expect(atLeast({ Size: { Ref: 'P' } }, 2, undefined, numberParameter({ MinValue: 2 }))).toBeUndefined();
    expect(atLeast({ Size: { Ref: 'P' } }, 2, undefined, numberParameter({ MinValue: 1 }))).toEqual({
      message: 'Size comes from parameter P, whose range allows values that are not at least 2',
      fix: 'set Size to at least 2, or constrain parameter P',
    });
    expect(atLeast({ Size: { Ref: 'P' } }, 2, 2, numberParameter({ MaxValue: 9 }))).toEqual({
      message: 'Size comes from parameter P, whose range allows values that are not at least 2',
      fix: 'set Size to at least 2, or constrain parameter P',
    });
    expect(atLeast({ Size: { Ref: 'P' } }, 2, undefined, numberParameter({ MaxValue: 9 }))).toEqual({
      message: 'Size comes from parameter P, whose range allows values that are not at least 2',
      fix: 'set Size to at least 2, or constrain parameter P',
    });
  });
});
