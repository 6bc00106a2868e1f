/** aspects/report/template-location.ts: the line of a resource in its template as CDK writes it. */
import { resourceLine } from '../../aspects/report/template-location';
import { TemplateView } from '../../rules/core/template';

const view = new TemplateView({
  Parameters: { Stage: { Type: 'String' } },
  Resources: {
    // A property key named like a later resource, deeper in the text: not a resource line.
    TopicPolicy: { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [{ Ref: 'Topic' }], Queue: { Deep: 1 } } },
    Queue: { Type: 'AWS::SQS::Queue' },
    Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
  },
  // An output of the same name comes after the resource: the resource's line wins.
  Outputs: { Topic: { Value: { Ref: 'Topic' } } },
} as never);

describe('resourceLine', () => {
  test('the 1-based line of "<logicalId>": { in JSON.stringify(template, undefined, 1)', () => {
    const lines = JSON.stringify(view.template, undefined, 1).split('\n');
    expect(lines[resourceLine(view, 'Queue') - 1]).toBe('  "Queue": {');
    expect([resourceLine(view, 'TopicPolicy'), resourceLine(view, 'Queue'), resourceLine(view, 'Topic')]).toEqual([8, 21, 24]);
  });

  test('the same answers when asked again (the line index is built once per template)', () => {
    expect([resourceLine(view, 'Topic'), resourceLine(view, 'Queue')]).toEqual([24, 21]);
  });

  test('a resource written as an empty object is on its line too', () => {
    const empty = new TemplateView({ Resources: { Topic: { Type: 'AWS::SNS::Topic' }, Empty: {} } } as never);
    expect(JSON.stringify(empty.template, undefined, 1).split('\n')[resourceLine(empty, 'Empty') - 1]).toBe('  "Empty": {}');
    expect(resourceLine(empty, 'Empty')).toBe(6);
  });

  test('line 1 for a stack-level subject and for an id the template does not hold', () => {
    expect(resourceLine(view, undefined)).toBe(1);
    expect(resourceLine(view, 'Missing')).toBe(1);
    expect(resourceLine(view, 'Deep')).toBe(1);
  });
});
