/** aspects/written-templates.ts: a nested Stage's template on disk against the one the gate judges now (tiny apps, no synth). */
import { App, Stack, Stage } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writtenTemplateMismatches } from '../../aspects/written-templates';

const TEMPLATE = { Resources: { Topic: { Type: 'AWS::SNS::Topic' } } };
const CHANGED = { Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'changed' } } } };

/** Writes `template` where the stack's Stage wrote (or would write) its template. */
function written(stack: Stack, template: object, space?: number): void {
  const stage = Stage.of(stack)!;
  fs.mkdirSync(stage.outdir, { recursive: true });
  fs.writeFileSync(path.join(stage.outdir, stack.templateFile), JSON.stringify(template, undefined, space));
}

function app() {
  const root = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-written-')) });
  const dev = new Stage(root, 'Dev');
  const inner = new Stage(dev, 'Inner');
  return { root, dev, top: new Stack(root, 'Top'), api: new Stack(dev, 'Api'), deep: new Stack(inner, 'Deep') };
}

const mismatch = (stackPath: string, file: string, stage: string) => ({
  ruleId: 'SFX-TEMPLATE-VISIBLE',
  path: stackPath,
  stackPath,
  resourceType: 'AWS::CloudFormation::Stack (CDK stack)',
  message:
    `the template ${file} written when Stage ${stage} synthesized differs from the constructs judged now (they changed after the ` +
    `Stage synthesized)`,
  fix: 'do not change constructs after their Stage has synthesized (no manual stage.synth() before the app synthesizes)',
});

describe('writtenTemplateMismatches', () => {
  test('a nested Stage template that differs from the rendered one fails, at any depth', () => {
    const { root, api, deep } = app();
    written(api, TEMPLATE);
    written(deep, TEMPLATE);
    expect(
      writtenTemplateMismatches(
        root,
        new Map([
          [api, CHANGED],
          [deep, CHANGED],
        ]),
      ),
    ).toEqual([
      mismatch('Dev/Api', 'DevApi52A53550.template.json', 'Dev'),
      mismatch('Dev/Inner/Deep', 'DevInnerDeep326B5D4D.template.json', 'Dev/Inner'),
    ]);
  });

  test('the same template, however it is formatted on disk, passes', () => {
    const { root, api } = app();
    written(api, TEMPLATE, 1);
    expect(writtenTemplateMismatches(root, new Map([[api, TEMPLATE]]))).toEqual([]);
  });

  test('a Stage that wrote nothing yet has nothing to differ', () => {
    const { root, api } = app();
    expect(writtenTemplateMismatches(root, new Map([[api, CHANGED]]))).toEqual([]);
  });

  test("stacks of the gate's own root are not compared: it writes their templates after judging them", () => {
    const { root, dev, top, api } = app();
    fs.mkdirSync(root.outdir, { recursive: true });
    fs.writeFileSync(path.join(root.outdir, top.templateFile), JSON.stringify(TEMPLATE));
    written(api, TEMPLATE);
    expect(writtenTemplateMismatches(root, new Map([[top, CHANGED]]))).toEqual([]);
    expect(writtenTemplateMismatches(dev, new Map([[api, CHANGED]]))).toEqual([]);
  });

  test('a stack under a root that is no Stage has no assembly to compare', () => {
    const { root } = app();
    const bare = new Stack(new Construct(undefined as unknown as Construct, ''), 'Bare');
    expect(writtenTemplateMismatches(root, new Map([[bare, CHANGED]]))).toEqual([]);
  });
});
