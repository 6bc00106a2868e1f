/**
 * The structural checks CloudFormation makes before it creates anything ("Template format
 * error"): a template that fails them is unusable input, not a compliance verdict. Only what the
 * template's own text settles is checked; resource property schemas are cfn-lint's job.
 */
import { intrinsicName, isPlainObject } from '../rules/core/intrinsics';

const SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
]);
const LOGICAL_ID = /^[A-Za-z0-9]{1,255}$/;
// AWS::Service::Resource, third-party Org::Service::Resource, modules (…::MODULE), Custom::Name.
const RESOURCE_TYPE = /^(?:[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+(?:::MODULE)?|Custom::[A-Za-z0-9_@-]{1,60})$/;
const PARAMETER_TYPES =
  /^(String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9:]+|List<AWS::[A-Za-z0-9:]+>|AWS::SSM::Parameter::(Name|Value<.+>))$/;
const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** The first reason CloudFormation would reject `template`, or `undefined`. */
export function templateFormatError(template: Record<string, unknown>): string | undefined {
  const unknown = Object.keys(template).filter((key) => !SECTIONS.has(key));
  if (unknown.length > 0) return `unknown template section(s) ${unknown.join(', ')}`;
  const version = template.AWSTemplateFormatVersion;
  if (version !== undefined && version !== '2010-09-09')
    return `AWSTemplateFormatVersion is ${JSON.stringify(version)}; the only valid version is "2010-09-09"`;
  for (const section of ['Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Outputs']) {
    if (template[section] !== undefined && !isPlainObject(template[section])) return `the ${section} section is not a mapping`;
  }
  const resources = template.Resources;
  if (!isPlainObject(resources) || Object.keys(resources).length === 0) return 'the template has no Resources; CloudFormation requires at least one';
  // With a transform (SAM, language extensions, macros) resources, names and references are the transform's output.
  const transformed = template.Transform !== undefined || JSON.stringify(template).includes('"Fn::Transform"');
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    if (!LOGICAL_ID.test(name)) return `parameter name "${name}" is not alphanumeric`;
    if (!isPlainObject(parameter) || typeof parameter.Type !== 'string') return `parameter ${name} has no Type`;
    if (!PARAMETER_TYPES.test(parameter.Type)) return `parameter ${name} has the unknown Type ${parameter.Type}`;
    if (parameter.AllowedValues !== undefined && !Array.isArray(parameter.AllowedValues)) return `parameter ${name}: AllowedValues is not a list`;
  }
  for (const [id, resource] of Object.entries(resources)) {
    if (transformed && id.startsWith('Fn::')) continue;
    if (!LOGICAL_ID.test(id)) return `resource logical id "${id}" is not alphanumeric`;
    if (!isPlainObject(resource)) return `resource ${id} is not a mapping`;
    // A whole resource may come from an AWS::Include snippet (or a macro); SFX-TEMPLATE-VISIBLE reports it.
    if (transformed && 'Fn::Transform' in resource) continue;
    if (typeof resource.Type !== 'string') return `resource ${id} has no Type`;
    if (!transformed && !RESOURCE_TYPE.test(resource.Type)) return `resource ${id} has the malformed Type ${resource.Type}`;
    if (resource.Properties !== undefined && !isPlainObject(resource.Properties)) return `resource ${id}: Properties is not a mapping`;
  }
  return transformed ? undefined : referenceError(template, resources);
}

/** A Ref, GetAtt, ${…}, DependsOn or condition name that names nothing the template declares. */
function referenceError(template: Record<string, unknown>, resources: Record<string, unknown>): string | undefined {
  const parameters = new Set(Object.keys((template.Parameters as object | undefined) ?? {}));
  const conditions = new Set(Object.keys((template.Conditions as object | undefined) ?? {}));
  const ids = new Set(Object.keys(resources));
  const refOk = (name: string) => PSEUDO_PARAMETERS.has(name) || parameters.has(name) || ids.has(name);
  for (const [id, resource] of Object.entries(resources) as [string, Record<string, unknown>][]) {
    for (const dependency of [resource.DependsOn].flat()) {
      if (dependency !== undefined && (typeof dependency !== 'string' || !ids.has(dependency)))
        return `resource ${id} DependsOn ${String(dependency)}, which is not a resource of the template`;
    }
    if (resource.Condition !== undefined && (typeof resource.Condition !== 'string' || !conditions.has(resource.Condition))) {
      return `resource ${id} has the Condition ${JSON.stringify(resource.Condition)}, which the Conditions section does not declare`;
    }
  }
  for (const section of ['Resources', 'Outputs', 'Conditions'] as const) {
    const problem = firstBadReference(template[section], section, { refOk, ids, conditions });
    if (problem) return problem;
  }
  return undefined;
}

interface Declared {
  refOk(name: string): boolean;
  readonly ids: ReadonlySet<string>;
  readonly conditions: ReadonlySet<string>;
}

function firstBadReference(value: unknown, where: string, declared: Declared): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = firstBadReference(item, where, declared);
      if (problem) return problem;
    }
    return undefined;
  }
  if (!isPlainObject(value)) return undefined;
  const fn = intrinsicName(value);
  const arg = fn ? value[fn] : undefined;
  if (fn === 'Ref' && (typeof arg !== 'string' || !declared.refOk(arg)))
    return `${where}: Ref to ${JSON.stringify(arg)}, which is neither a parameter, a resource nor a pseudo parameter`;
  if (fn === 'Fn::GetAtt') {
    const target = Array.isArray(arg) ? arg[0] : typeof arg === 'string' ? arg.split('.')[0] : undefined;
    if (typeof target !== 'string' || !declared.ids.has(target))
      return `${where}: Fn::GetAtt of ${JSON.stringify(target)}, which is not a resource of the template`;
  }
  if (fn === 'Fn::If' && (!Array.isArray(arg) || arg.length !== 3 || !declared.conditions.has(String(arg[0])))) {
    return (
      `${where}: Fn::If on ${JSON.stringify(Array.isArray(arg) ? arg[0] : arg)}, which is not a declared condition (or the Fn::If does not ` +
      `have three arguments)`
    );
  }
  if (fn === 'Condition' && !declared.conditions.has(String(arg))) return `${where}: Condition ${JSON.stringify(arg)} is not declared`;
  if (fn === 'Fn::Sub') {
    const [body, variables] = Array.isArray(arg) ? [arg[0], isPlainObject(arg[1]) ? arg[1] : {}] : [arg, {}];
    if (typeof body === 'string') {
      for (const [, name] of body.matchAll(/\$\{([^}!][^}]*)\}/g)) {
        const base = name.includes('.') && !name.startsWith('AWS::') ? name.split('.')[0] : name;
        if (!(name in variables) && !declared.refOk(base))
          return `${where}: Fn::Sub names \${${name}}, which is neither a variable, a parameter, a resource nor a pseudo parameter`;
      }
    }
  }
  for (const [key, item] of Object.entries(value)) {
    const problem = firstBadReference(item, key.startsWith('Fn::') || key === 'Ref' ? where : `${where}.${key}`, declared);
    if (problem) return problem;
  }
  return undefined;
}
