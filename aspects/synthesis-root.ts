/** Which synthesis (the App, or a Stage synthesized as its own nested assembly) a construct belongs to. */
import { Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

const roots = new WeakMap<IConstruct, IConstruct>();

/** Memoised through the parent: aspects ask for every construct of the tree, once per control. */
export function synthesisRootOf(construct: IConstruct): IConstruct {
  return roots.get(construct) ?? rememberRoot(construct);
}

function rememberRoot(construct: IConstruct): IConstruct {
  const parent = construct.node.scope;
  const root = Stage.isStage(construct) || parent === undefined ? construct : synthesisRootOf(parent);
  roots.set(construct, root);
  return root;
}

/** Every construct under `scope` in tree order, not entering Stages for which `enter` says no. */
export function constructsUnder(scope: IConstruct, enter: (stage: Stage) => boolean): IConstruct[] {
  const found: IConstruct[] = [];
  const walk = (construct: IConstruct) => {
    found.push(construct);
    for (const child of construct.node.children) {
      if (Stage.isStage(child) && !enter(child)) continue;
      walk(child);
    }
  };
  walk(scope);
  return found;
}
