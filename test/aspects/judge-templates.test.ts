/** aspects/judge-templates.ts at the pure level: what is judged, under which path, and root-cause grouping. */
import { groupUnderRootCause, judgeResource, judgeStack, judgeTemplates, STACK_SUBJECT_TYPE } from '../../aspects/judge-templates';
import { RedisAtRest } from '../../rules/redis-at-rest';
import { Region } from '../../rules/region';
import { TemplateVisible } from '../../rules/template-visible';
import { openAll, template, violationsOf } from '../rules/support/template-builder';

const GROUP = 'AWS::ElastiCache::ReplicationGroup';

describe('judgeTemplates', () => {
  test('two stacks with the same logical id: each stack’s resource is judged, under its own path', () => {
    const violations = violationsOf(
      RedisAtRest,
      template('First').resource('Cache', GROUP, { AtRestEncryptionEnabled: false }),
      template('Second').resource('Cache', GROUP, { AtRestEncryptionEnabled: 'false' }),
    );
    expect(violations.map((v) => [v.path, v.stackPath, v.logicalId, v.message])).toEqual([
      ['First/Cache', 'First', 'Cache', 'AtRestEncryptionEnabled is false'],
      ['Second/Cache', 'Second', 'Cache', 'AtRestEncryptionEnabled is "false"'],
    ]);
  });

  test('records one evaluation per rule and covered resource, passing ones included, with the rule remediation as default fix', () => {
    const evaluations = judgeTemplates(
      openAll([template('S').resource('Ok', GROUP, { AtRestEncryptionEnabled: true }).resource('Bad', GROUP, {}).resource('T', 'AWS::SNS::Topic')]),
      [RedisAtRest],
    );
    expect(evaluations.map((e) => [e.ruleId, e.path, e.resourceType, e.violations.length])).toEqual([
      ['SFX-REDIS-AT-REST', 'S/Ok', GROUP, 0],
      ['SFX-REDIS-AT-REST', 'S/Bad', GROUP, 1],
    ]);
    expect(evaluations[1].violations[0]).toMatchObject({ fix: 'set AtRestEncryptionEnabled to true', resourceType: GROUP, stackPath: 'S' });
  });

  test('stack-level rules judge each stack once, as a whole; "*" rules judge every resource', () => {
    const evaluations = judgeTemplates(openAll([template('S').resource('T', 'AWS::SNS::Topic')]), [Region]);
    expect(evaluations.map((e) => [e.path, e.resourceType, e.logicalId])).toEqual([
      ['S', STACK_SUBJECT_TYPE, undefined],
      ['S/T', 'AWS::SNS::Topic', 'T'],
    ]);
    expect(STACK_SUBJECT_TYPE).toBe('AWS::CloudFormation::Stack (CDK stack)');
  });

  test('a foreign stack region is one root cause: values that only repeat it are grouped under the stack violation', () => {
    const us = template('Us', { region: 'us-east-1' });
    for (const id of ['A', 'B', 'C', 'D']) us.resource(id, 'AWS::SNS::Subscription', { Endpoint: `arn:aws:sqs:us-east-1:1:${id}` });
    us.resource('Other', 'AWS::SNS::Subscription', { Endpoint: 'arn:aws:sqs:ap-south-1:1:q' });
    const violations = violationsOf(Region, us);
    expect(violations.map((v) => v.path)).toEqual(['Us', 'Us/Other']);
    expect(violations[0].message).toBe(
      'the stack deploys to us-east-1, not eu-west-1; 4 value(s) CDK derived from that region follow it and are fixed with it (Us/A, Us/B, Us/C, and 1 more)',
    );
    expect(violations[0].derived).toEqual(
      ['A', 'B', 'C', 'D'].map((id) => ({ path: `Us/${id}`, message: `Properties.Endpoint names the region us-east-1, outside eu-west-1` })),
    );
  });

  test('grouping reaches nested stacks (under the nearest stack with the violation) and lists up to three without "more"', () => {
    const child = template('Us/Child', { region: 'us-east-1' }).resource('A', 'AWS::SNS::Subscription', { Endpoint: 'arn:aws:sqs:us-east-1:1:a' });
    const violations = violationsOf(Region, template('Us', { region: 'us-east-1' }).nestedStack('Child', child));
    expect(violations.map((v) => v.path)).toEqual(['Us']);
    expect(violations[0].message).toBe(
      'the stack deploys to us-east-1, not eu-west-1; 1 value(s) CDK derived from that region follow it and are fixed with it (Us/Child/A)',
    );
  });

  test('exactly three derived values are all listed, with no "more"', () => {
    const us = template('Us', { region: 'us-east-1' });
    for (const id of ['A', 'B', 'C']) us.resource(id, 'AWS::SNS::Subscription', { Endpoint: `arn:aws:sqs:us-east-1:1:${id}` });
    expect(violationsOf(Region, us).map((v) => v.message)).toEqual([
      'the stack deploys to us-east-1, not eu-west-1; 3 value(s) CDK derived from that region follow it and are fixed with it (Us/A, Us/B, Us/C)',
    ]);
  });

  test("the values go under the stack's region violation, not under another stack-level violation judged after it", () => {
    const us = template('Us', { region: 'us-east-1' })
      .transform('AcmeMacro')
      .resource('A', 'AWS::SNS::Subscription', { Endpoint: 'arn:aws:sqs:us-east-1:1:a' });
    expect(violationsOf([Region, TemplateVisible], us).map((v) => [v.ruleId, v.path, v.message])).toEqual([
      [
        'SFX-REGION',
        'Us',
        'the stack deploys to us-east-1, not eu-west-1; 1 value(s) CDK derived from that region follow it and are fixed with it (Us/A)',
      ],
      ['SFX-TEMPLATE-VISIBLE', 'Us', 'the template uses the transform AcmeMacro, a macro that can rewrite any resource after the gate has judged it'],
    ]);
  });

  test("a value following the region of a stack not judged as a whole (the gate covers only the resource) stays its own, beside another stack's root", () => {
    const [us, far] = openAll([
      template('Us', { region: 'us-east-1' }),
      template('Far', { region: 'us-east-1' }).resource('A', 'AWS::SNS::Subscription', { Endpoint: 'arn:aws:sqs:us-east-1:1:a' }),
    ]);
    const evaluations = [...judgeStack([Region], 'Us', us.facts), ...judgeResource([Region], 'Far/A', 'Far', 'A', far.view)];
    groupUnderRootCause(evaluations);
    expect(evaluations.flatMap((e) => e.violations).map((v) => [v.path, v.message])).toEqual([
      ['Us', 'the stack deploys to us-east-1, not eu-west-1'],
      ['Far/A', 'Properties.Endpoint names the region us-east-1, outside eu-west-1'],
    ]);
  });

  test('without a stack violation nothing is grouped: a value naming the region of an eu-west-1 stack is its own violation', () => {
    const violations = violationsOf(Region, template('Eu').resource('A', 'AWS::SNS::Subscription', { Endpoint: 'arn:aws:sqs:us-east-1:1:a' }));
    expect(violations.map((v) => [v.path, v.derived])).toEqual([['Eu/A', undefined]]);
  });
});

describe('judgeResource', () => {
  test('a logical id the rendered template does not hold is not judged (no evaluation), whatever the rules', () => {
    const [opened] = openAll([template('S').resource('Cache', GROUP, {})]);
    expect(judgeResource([RedisAtRest, Region], 'S/Gone', 'S', 'Gone', opened.view)).toEqual([]);
    expect(judgeResource([RedisAtRest], 'S/Cache', 'S', 'Cache', opened.view).map((e) => e.violations.length)).toEqual([1]);
  });
});
