/** Which synthesis (the App, or a Stage synthesized as its own nested assembly) a construct belongs to. */
import { Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

export function synthesisRootOf(construct: IConstruct): IConstruct {
  if (Stage.isStage(construct)) return construct;
  return Stage.of(construct) ?? construct.node.root;
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
