/** The registry of every template rendered in one synthesis: exports, nested templates and their parents. */
import type { ExportedValue, TemplateView } from './template';

/**
 * What the templates of one synthesis know about each other, filled in as the gate renders them.
 * Exports: `Fn::ImportValue` of an export of another stack of the app is as provable as the value
 * its template gives it (that is how CDK passes references between stacks), when both stacks are
 * in the same literal account (or both unset) and region, the output has no condition, and no
 * other template exports the same name. Nested templates: `Fn::GetAtt [Nested, Outputs.X]` of a
 * CDK nested stack is the output's value in the nested template. Anything else stays unknown.
 */
export class SharedTemplates {
  private readonly exports = new Map<string, ExportedValue | 'ambiguous'>();
  private readonly nested = new Map<TemplateView, Map<string, TemplateView>>();
  private readonly parents = new Map<TemplateView, { parent: TemplateView; logicalId: string }>();
  private readonly views = new Set<TemplateView>();

  /** Records a template judged in this synthesis (and its exports). */
  addTemplate(view: TemplateView): void {
    this.views.add(view);
    this.addExports(view);
  }

  /** Every template recorded with addTemplate: what another template's resources may be changed by (an ingress rule on an imported group). */
  templates(): readonly TemplateView[] {
    return [...this.views];
  }

  addExports(view: TemplateView): void {
    for (const [name, exported] of view.exportedValues()) {
      const key = SharedTemplates.exportKey(view, name);
      this.exports.set(key, this.exports.has(key) ? 'ambiguous' : exported);
    }
  }

  exportSeenBy(importer: TemplateView, name: string): ExportedValue | undefined {
    const found = this.exports.get(SharedTemplates.exportKey(importer, name));
    return found === 'ambiguous' ? undefined : found;
  }

  addNested(parent: TemplateView, logicalId: string, child: TemplateView): void {
    if (!this.nested.has(parent)) this.nested.set(parent, new Map());
    this.nested.get(parent)!.set(logicalId, child);
    this.parents.set(child, { parent, logicalId });
  }

  /** For a CDK nested stack's template: its parent's template and the logical id of the stack resource there. */
  parentOf(child: TemplateView): { parent: TemplateView; logicalId: string } | undefined {
    return this.parents.get(child);
  }

  nestedTemplate(parent: TemplateView, logicalId: string): TemplateView | undefined {
    return this.nested.get(parent)?.get(logicalId);
  }

  private static exportKey(view: TemplateView, name: string): string {
    return JSON.stringify([view.account ?? null, view.region ?? null, name]);
  }
}
