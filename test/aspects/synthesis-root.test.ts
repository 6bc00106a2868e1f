/** aspects/synthesis-root.ts on plain construct trees with Stages (no synthesis). */
import { App, Stack, Stage } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { constructsUnder, synthesisRootOf } from '../../aspects/synthesis-root';

function tree() {
  const app = new App();
  const stack = new Stack(app, 'S');
  const topic = new Construct(stack, 'Topic');
  const stage = new Stage(app, 'Dev');
  const inner = new Stack(stage, 'Inner');
  const deep = new Stage(stage, 'Deep');
  const deepest = new Construct(new Stack(deep, 'D'), 'X');
  return { app, stack, topic, stage, inner, deep, deepest };
}

describe('synthesisRootOf', () => {
  test('the nearest Stage at or above the construct, or the root of the tree', () => {
    const { app, stack, topic, stage, inner, deep, deepest } = tree();
    expect([app, stack, topic, stage, inner, deep, deepest].map((c) => synthesisRootOf(c).node.path)).toEqual([
      '',
      '',
      '',
      'Dev',
      'Dev',
      'Dev/Deep',
      'Dev/Deep',
    ]);
    // Asked again (memoised): the same answers.
    expect(synthesisRootOf(deepest)).toBe(deep);
    const bare = new Construct(undefined as unknown as Construct, 'Bare');
    expect(synthesisRootOf(new Construct(bare, 'Child'))).toBe(bare);
  });
});

describe('constructsUnder', () => {
  const paths = (list: Construct[]) => list.map((c) => c.node.path);

  test('every construct in tree order, entering the Stages `enter` accepts', () => {
    const { app, stage } = tree();
    expect(paths(constructsUnder(app, () => true) as Construct[])).toEqual([
      '',
      'S',
      'S/Topic',
      'Dev',
      'Dev/Inner',
      'Dev/Deep',
      'Dev/Deep/D',
      'Dev/Deep/D/X',
    ]);
    expect(paths(constructsUnder(app, (s) => s.node.path !== 'Dev/Deep') as Construct[])).toEqual(['', 'S', 'S/Topic', 'Dev', 'Dev/Inner']);
    expect(paths(constructsUnder(app, () => false) as Construct[])).toEqual(['', 'S', 'S/Topic']);
    // The scope itself is always in, Stage or not.
    expect(paths(constructsUnder(stage, () => false) as Construct[])).toEqual(['Dev', 'Dev/Inner']);
  });
});
