/** Where a resource sits in its synthesized template file, for SARIF locations. */
import { TemplateView } from '../../rules/core/template';

const cache = new WeakMap<TemplateView, Map<string, number>>();

/**
 * 1-based line of `"<logicalId>": {` in the template as CDK writes it
 * (`JSON.stringify(template, undefined, 1)`), or 1 when it cannot be found.
 */
export function resourceLine(view: TemplateView, logicalId: string | undefined): number {
  if (logicalId === undefined) return 1;
  let lines = cache.get(view);
  if (!lines) {
    lines = new Map();
    const text = JSON.stringify(view.template, undefined, 1).split('\n');
    text.forEach((line, index) => {
      const match = /^ {2}"([^"]+)": \{$/.exec(line);
      if (match && !lines!.has(match[1])) lines!.set(match[1], index + 1);
    });
    cache.set(view, lines);
  }
  return lines.get(logicalId) ?? 1;
}
