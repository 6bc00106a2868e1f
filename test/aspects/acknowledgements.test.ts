/** aspects/report/acknowledgements.ts: acknowledged validation findings read from a construct tree (plain constructs, no synthesis). */
import { Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgementsUnder } from '../../aspects/report/acknowledgements';

class Root extends Construct {
  constructor() {
    super(undefined as unknown as Construct, '');
  }
}
const KEY = 'aws:cdk:acknowledged-rules';

describe('acknowledgementsUnder', () => {
  test('every acknowledged rule of every construct under the root, in tree order, with its path, id and reason as text', () => {
    const root = new Root();
    const stack = new Construct(root, 'Stack');
    const topic = new Construct(stack, 'Topic');
    stack.node.addMetadata(KEY, { 'AwsSolutions::AwsSolutions-SNS2': 'no PII', 'AwsSolutions::AwsSolutions-SNS3': 'internal only' });
    topic.node.addMetadata(KEY, { 'CloudFormation-Validate::E3002': 7 });
    // Not acknowledgements: other metadata, an entry without data.
    topic.node.addMetadata('aws:cdk:logicalId', { Other: 'x' });
    topic.node.addMetadata(KEY, '');
    expect(Validations.ACKNOWLEDGED_RULES_METADATA_KEY).toBe(KEY);
    expect(acknowledgementsUnder(root)).toEqual([
      { path: 'Stack', id: 'AwsSolutions::AwsSolutions-SNS2', reason: 'no PII' },
      { path: 'Stack', id: 'AwsSolutions::AwsSolutions-SNS3', reason: 'internal only' },
      { path: 'Stack/Topic', id: 'CloudFormation-Validate::E3002', reason: '7' },
    ]);
    expect(acknowledgementsUnder(topic)).toEqual([{ path: 'Stack/Topic', id: 'CloudFormation-Validate::E3002', reason: '7' }]);
  });

  test('none in a tree without acknowledgements', () => {
    const root = new Root();
    new Construct(root, 'Stack').node.addMetadata('other', { a: 'b' });
    expect(acknowledgementsUnder(root)).toEqual([]);
  });
});
