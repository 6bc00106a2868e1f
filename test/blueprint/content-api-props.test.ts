import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ContentApi, ContentApiProps } from '../../lib/content-api/content-api';
import { newApp } from './blueprint';

/** Builds a ContentApi in a throw-away stack; used to check validation of literal props. */
function build(props: ContentApiProps): ContentApi {
  return new ContentApi(new Stack(newApp(), 'Probe', { env: { region: 'eu-west-1' } }), 'ContentApi', props);
}

// Every prop fed from a CfnParameter, as a Service Catalog product stack will do.
const stack = new Stack(newApp(), 'Parameterized', { env: { region: 'eu-west-1' } });
const param = (name: string, type: 'String' | 'Number') => new CfnParameter(stack, name, { type });
new ContentApi(stack, 'ContentApi', {
  environmentName: param('EnvironmentName', 'String').valueAsString,
  containerImage: param('ContainerImage', 'String').valueAsString,
  containerPort: param('ContainerPort', 'Number').valueAsNumber,
  containerUser: param('ContainerUser', 'String').valueAsString,
  cpu: param('Cpu', 'Number').valueAsNumber,
  memory: param('Memory', 'Number').valueAsNumber,
  desiredCount: param('DesiredCount', 'Number').valueAsNumber,
  maxCount: param('MaxCount', 'Number').valueAsNumber,
  dbInstanceType: param('DbInstanceType', 'String').valueAsString,
  cacheNodeType: param('CacheNodeType', 'String').valueAsString,
});
const template = Template.fromStack(stack);

describe('ContentApi with every prop a CfnParameter token', () => {
  test('task size, user, image and port come from the parameters', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: { Ref: 'Cpu' },
      Memory: { Ref: 'Memory' },
      ContainerDefinitions: Match.arrayWith([
        Match.objectLike({
          Image: { Ref: 'ContainerImage' },
          User: { Ref: 'ContainerUser' },
          PortMappings: [{ ContainerPort: { Ref: 'ContainerPort' }, Protocol: 'tcp' }],
        }),
      ]),
    });
  });

  test('task counts come from the parameters, the autoscaling minimum stays 2', () => {
    template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: { Ref: 'DesiredCount' } });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2, MaxCapacity: { Ref: 'MaxCount' } });
  });

  test('the RDS instance class keeps the parameter value, db. prefix included', () => {
    template.hasResourceProperties('AWS::RDS::DBInstance', {
      DBInstanceClass: { 'Fn::Join': ['', ['db.', { 'Fn::Select': [1, { 'Fn::Split': ['db.', { Ref: 'DbInstanceType' }] }] }]] },
    });
    template.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', { CacheNodeType: { Ref: 'CacheNodeType' } });
  });

  test('the environment name names the API', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      Name: { 'Fn::Join': ['', ['streamflix-content-api-', { Ref: 'EnvironmentName' }]] },
    });
  });
});

describe('literal props are validated', () => {
  test('desiredCount below 2 is rejected', () => {
    expect(() => build({ desiredCount: 1 })).toThrow(
      /ContentApi\/Compute: desiredCount is 1, but the service needs at least 2 tasks to span two AZs. Fix: set desiredCount to 2 or more/,
    );
  });

  test('maxCount below desiredCount is rejected', () => {
    expect(() => build({ desiredCount: 4, maxCount: 3 })).toThrow(/maxCount \(3\) is lower than desiredCount \(4\)\. Fix: raise maxCount/);
  });

  test('an RDS instance class without the db. prefix is rejected', () => {
    expect(() => build({ dbInstanceType: 't4g.medium' })).toThrow(
      /dbInstanceType 't4g.medium' is not an RDS instance class\. Fix: use the db\. form/,
    );
  });
});
