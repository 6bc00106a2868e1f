/** Where a resource sits in its synthesized template file, for SARIF locations. */
import { TemplateView } from '../../rules/core/template';

const cache = new WeakMap<TemplateView, Map<string | undefined, number>>();

/**
 * 1-based line of `"<logicalId>": {` in the template as CDK writes it
 * (`JSON.stringify(template, undefined, 1)`), or 1 when it cannot be found (or the subject is the stack).
 */
export function resourceLine(view: TemplateView, logicalId: string | undefined): number {
  return (cache.get(view) ?? lineIndex(view)).get(logicalId) ?? 1;
}

/** The line of each top-level section's entries (resources first where an output shares the name), built once per template. */
function lineIndex(view: TemplateView): Map<string | undefined, number> {
  const lines = new Map<string | undefined, number>();
  JSON.stringify(view.template, undefined, 1)
    .split('\n')
    .forEach((line, index) => {
      // An entry at depth 2 whose value is an object (`{` or an empty `{}`).
      const match = /^ {2}"([^"]+)": \{/.exec(line);
      if (match && !lines.has(match[1])) lines.set(match[1], index + 1);
    });
  cache.set(view, lines);
  return lines;
}
