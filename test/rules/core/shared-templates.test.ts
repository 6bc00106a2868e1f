/** rules/core/shared-templates: exports, nested templates and parents of one synthesis. */
import { SharedTemplates } from '../../../rules/core/shared-templates';
import { RenderedTemplate, TemplateView } from '../../../rules/core/template';

const exporting = (name: string, value: unknown): RenderedTemplate => ({ Outputs: { Out: { Value: value, Export: { Name: name } } } });

describe('SharedTemplates', () => {
  test('an export is seen by an import of the same account and region', () => {
    const shared = new SharedTemplates();
    const producer = new TemplateView(exporting('vpc-id', 'vpc-1'), { region: 'eu-west-1', account: '111', shared });
    shared.addTemplate(producer);
    const sameEnv = new TemplateView({}, { region: 'eu-west-1', account: '111', shared });
    expect(shared.exportSeenBy(sameEnv, 'vpc-id')).toEqual({ value: 'vpc-1', view: producer });
    expect(shared.exportSeenBy(sameEnv, 'other')).toBeUndefined();
    expect(shared.exportSeenBy(new TemplateView({}, { region: 'eu-west-2', account: '111' }), 'vpc-id')).toBeUndefined();
    expect(shared.exportSeenBy(new TemplateView({}, { region: 'eu-west-1', account: '222' }), 'vpc-id')).toBeUndefined();
    expect(shared.exportSeenBy(new TemplateView({}, { region: 'eu-west-1' }), 'vpc-id')).toBeUndefined();
  });

  test('environment-agnostic templates see each other’s exports', () => {
    const shared = new SharedTemplates();
    const producer = new TemplateView(exporting('vpc-id', 'vpc-1'));
    shared.addExports(producer);
    expect(shared.exportSeenBy(new TemplateView({}), 'vpc-id')).toEqual({ value: 'vpc-1', view: producer });
    expect(shared.exportSeenBy(new TemplateView({}, { region: 'eu-west-1' }), 'vpc-id')).toBeUndefined();
  });

  test('an export name two templates of one environment define is ambiguous, so no import sees it', () => {
    const shared = new SharedTemplates();
    shared.addTemplate(new TemplateView(exporting('vpc-id', 'vpc-1'), { region: 'eu-west-1' }));
    shared.addTemplate(new TemplateView(exporting('vpc-id', 'vpc-2'), { region: 'eu-west-1' }));
    shared.addTemplate(new TemplateView(exporting('vpc-id', 'vpc-3'), { region: 'eu-west-1' }));
    expect(shared.exportSeenBy(new TemplateView({}, { region: 'eu-west-1' }), 'vpc-id')).toBeUndefined();
  });

  test('templates lists every template added, in order; addExports alone does not add one', () => {
    const shared = new SharedTemplates();
    const [a, b, c] = [new TemplateView({}), new TemplateView({}), new TemplateView({})];
    shared.addTemplate(a);
    shared.addTemplate(b);
    shared.addExports(c);
    shared.addTemplate(a);
    expect(shared.templates()).toEqual([a, b]);
    expect(shared.templates()[0]).toBe(a);
  });

  test('a nested template is found from its parent by logical id, and knows its parent', () => {
    const shared = new SharedTemplates();
    const [parent, first, second] = [new TemplateView({}), new TemplateView({}), new TemplateView({})];
    shared.addNested(parent, 'First', first);
    shared.addNested(parent, 'Second', second);
    expect(shared.nestedTemplate(parent, 'First')).toBe(first);
    expect(shared.nestedTemplate(parent, 'Second')).toBe(second);
    expect(shared.nestedTemplate(parent, 'Third')).toBeUndefined();
    expect(shared.nestedTemplate(first, 'First')).toBeUndefined();
    expect(shared.parentOf(second)).toEqual({ parent, logicalId: 'Second' });
    expect(shared.parentOf(parent)).toBeUndefined();
  });
});
