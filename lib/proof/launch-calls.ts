/**
 * The API calls CloudFormation makes with the launch role to create, update and delete every resource of
 * the product template, each with the request context it really carries, plus the calls no schema lists.
 */
import { ActionFacts, actionFacts } from './action-data';
import { HandlerPermissions, OPERATIONS, Operation, handlerPermissions } from './handler-data';
import { TemplateModel, identityOf } from './template-model';

export type ContextValues = Record<string, string | string[]>;

export interface ProofCall {
  readonly logicalId: string;
  readonly type: string;
  readonly operation: Operation;
  /** Who makes the call and why (the handler, or the documented step no schema lists). */
  readonly handler: string;
  readonly action: string;
  readonly resource: string;
  readonly context: ContextValues;
}

/** The services CloudFormation passes each role type to, by the property that names the role. */
export const PASSED_ROLE_SERVICES: Readonly<Record<string, string>> = {
  'AWS::Lambda::Function/Role': 'lambda.amazonaws.com',
  'AWS::ECS::TaskDefinition/ExecutionRoleArn': 'ecs-tasks.amazonaws.com',
  'AWS::ECS::TaskDefinition/TaskRoleArn': 'ecs-tasks.amazonaws.com',
  'AWS::EC2::FlowLog/DeliverLogsPermissionArn': 'vpc-flow-logs.amazonaws.com',
  'AWS::RDS::DBInstance/MonitoringRoleArn': 'monitoring.rds.amazonaws.com',
  'AWS::Backup::BackupSelection/BackupSelection.IamRoleArn': 'backup.amazonaws.com',
};

/** The service-linked role a resource namespace's handler may create on first use in an account. */
export const SERVICE_LINKED_ROLE_OF: Readonly<Record<string, [string, string]>> = {
  'AWS::RDS': ['rds.amazonaws.com', 'AWSServiceRoleForRDS'],
  'AWS::ECS': ['ecs.amazonaws.com', 'AWSServiceRoleForECS'],
  'AWS::ElasticLoadBalancingV2': ['elasticloadbalancing.amazonaws.com', 'AWSServiceRoleForElasticLoadBalancing'],
  'AWS::ElastiCache': ['elasticache.amazonaws.com', 'AWSServiceRoleForElastiCache'],
  'AWS::ApplicationAutoScaling': ['ecs.application-autoscaling.amazonaws.com', 'AWSServiceRoleForApplicationAutoScaling_ECSService'],
  'AWS::ApiGatewayV2': ['ops.apigateway.amazonaws.com', 'AWSServiceRoleForAPIGateway'],
  'AWS::Backup': ['backup.amazonaws.com', 'AWSServiceRoleForBackup'],
};

const GLOBAL_SERVICES = ['iam', 'route53', 'sts'];

function tagContext(tags: Record<string, string>, kind: 'RequestTag' | 'ResourceTag'): ContextValues {
  const context: ContextValues = {};
  for (const [key, value] of Object.entries(tags)) context[`aws:${kind}/${key}`] = value;
  if (kind === 'RequestTag' && Object.keys(tags).length > 0) context['aws:TagKeys'] = Object.keys(tags);
  return context;
}

function changedTags(before: Record<string, string>, after: Record<string, string>): { set: Record<string, string>; removed: string[] } {
  const set = Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k] !== v));
  return { set, removed: Object.keys(before).filter((k) => !(k in after)) };
}

/**
 * Every handler call of every resource. `model` is the provisioning; `updated` the same product after a
 * parameter/TagOption change (the update calls carry the tag difference).
 */
export async function launchRoleCalls(model: TemplateModel, updated: TemplateModel): Promise<ProofCall[]> {
  const calls: ProofCall[] = [];
  const { region, account } = model.scenario;
  for (const [logicalId, resource] of model.resources) {
    const data = handlerPermissions(resource.Type);
    // DeletionPolicy Retain: CloudFormation leaves the resource and calls no delete handler (Snapshot still calls it).
    const operations = OPERATIONS.filter((op) => !(op === 'delete' && resource.DeletionPolicy === 'Retain'));
    const taggable = data.tagging.taggable === true;
    const tags = model.tags(logicalId, taggable);
    const newTags = updated.tags(logicalId, taggable);
    for (const operation of operations) {
      for (const action of data.handlers[operation] ?? []) {
        const facts = await actionFacts(action);
        const handler = `${resource.Type} ${operation} handler (${data.source})`;
        for (const [arn, targetTags, extra] of targets(model, logicalId, facts)) {
          const context: ContextValues = {
            'aws:RequestedRegion': GLOBAL_SERVICES.includes(action.split(':')[0]) ? 'us-east-1' : region,
            'aws:CalledVia': ['cloudformation.amazonaws.com'],
            ...extra,
          };
          const own = arn === model.arn(logicalId) || arn === '*';
          Object.assign(context, requestTagContext(operation, facts, data, own, tags, newTags, targetTags));
          calls.push({ logicalId, type: resource.Type, operation, handler, action: facts.action, resource: arn, context });
        }
      }
    }
  }
  calls.push(...passRoleCalls(model), ...unlistedCalls(model, account));
  return calls;
}

/** aws:RequestTag/aws:TagKeys/aws:ResourceTag for one call, from what the operation does with tags. */
function requestTagContext(
  operation: Operation,
  facts: ActionFacts,
  data: HandlerPermissions,
  own: boolean,
  tags: Record<string, string>,
  newTags: Record<string, string>,
  targetTags: Record<string, string>,
): ContextValues {
  const tagging = facts.accessLevel === 'Tagging';
  if (!own) return tagContext(targetTags, 'ResourceTag'); // a call on another resource of the stack (a key, a role, a subnet)
  if (operation === 'create') {
    // The resource does not exist yet (or not yet tagged) when the create or tag call is made: tags in the request only.
    if (tagging || facts.takesRequestTags) return tagContext(tags, 'RequestTag');
    return data.tagging.tagOnCreate ? tagContext(tags, 'ResourceTag') : {};
  }
  if (operation === 'update') {
    const context = tagContext(tags, 'ResourceTag');
    if (tagging) {
      const { set, removed } = changedTags(tags, newTags);
      const untag = /untag|remove|delete/i.test(facts.action);
      Object.assign(context, untag ? { 'aws:TagKeys': [...removed, ...Object.keys(set)] } : tagContext(set, 'RequestTag'));
    }
    return context;
  }
  return tagContext(tags, 'ResourceTag');
}

/** The resources one action of a handler acts on: the resource itself, those it refers to, or a documented stand-in. */
function targets(model: TemplateModel, logicalId: string, facts: ActionFacts): [string, Record<string, string>, ContextValues][] {
  const [service] = facts.action.split(':');
  const { Type } = model.resource(logicalId);
  if (facts.action === 'iam:CreateServiceLinkedRole') {
    const namespace = Type.split('::').slice(0, 2).join('::');
    const [slrService, name] = SERVICE_LINKED_ROLE_OF[namespace] ?? [`${service}.unknown`, 'AWSServiceRoleForUnknown'];
    return [[`arn:aws:iam::${model.scenario.account}:role/aws-service-role/${slrService}/${name}`, {}, { 'iam:AWSServiceName': slrService }]];
  }
  if (facts.resourceTypes.length === 0) return [['*', {}, {}]];
  const identity = identityOf(Type);
  // A role's managed policies are attached one by one, each call naming its policy.
  if (Type === 'AWS::IAM::Role' && /^iam:(Attach|Detach)RolePolicy$/.test(facts.action)) {
    const arns = (model.resolve(model.resource(logicalId).Properties?.ManagedPolicyArns) ?? []) as string[];
    const roleArn = model.arn(logicalId)!;
    const roleTags = model.tags(logicalId, true);
    return arns.map((policyArn) => [roleArn, roleTags, { 'iam:PolicyARN': policyArn }]);
  }
  // API Gateway authorizes HTTP verbs on resource paths: the path of the object itself (the collection types the
  // reference lists for POST are the REST API's; HTTP APIs live under /apis and /vpclinks).
  if (service === 'apigateway' && identity.service === 'apigateway') return [[model.arn(logicalId)!, {}, {}]];
  if (identity.service === service && identity.resourceType && facts.resourceTypes.includes(identity.resourceType)) {
    return [[model.arn(logicalId)!, model.tags(logicalId, handlerPermissions(Type).tagging.taggable === true), {}]];
  }
  // ManageMasterUserPassword: RDS creates and tags the rds!db-… secret with the caller's credentials.
  if (
    Type === 'AWS::RDS::DBInstance' &&
    service === 'secretsmanager' &&
    model.resolve(model.resource(logicalId).Properties?.ManageMasterUserPassword) === true
  ) {
    return [
      [
        model.attribute(logicalId, 'MasterUserSecret.SecretArn'),
        {},
        facts.takesRequestTags || facts.accessLevel === 'Tagging'
          ? tagContext({ 'aws:rds:primaryDBInstanceArn': model.arn(logicalId)! }, 'RequestTag')
          : {},
      ],
    ];
  }
  // Lambda reads the function's code object.
  const code = model.resolve(model.resource(logicalId).Properties?.Code) as { S3Bucket?: string; S3Key?: string } | undefined;
  if (Type === 'AWS::Lambda::Function' && service === 's3' && code?.S3Bucket) return [[`arn:aws:s3:::${code.S3Bucket}/${code.S3Key}`, {}, {}]];
  const referenced = model.references(logicalId).filter((r) => {
    const i = identityOf(model.resource(r.logicalId).Type);
    return i.service === service && i.resourceType && facts.resourceTypes.includes(i.resourceType);
  });
  const unique = [...new Set(referenced.map((r) => r.logicalId))];
  if (unique.length > 0) {
    return unique.map((id) => {
      const extra: ContextValues = {};
      if (facts.action === 'iam:PassRole') {
        const path = referenced.find((r) => r.logicalId === id)!.path.replace(/\[\d+\]/g, '');
        const passedTo = PASSED_ROLE_SERVICES[`${Type}/${path}`];
        if (passedTo) extra['iam:PassedToService'] = passedTo;
      }
      return [model.arn(id)!, model.tags(id, handlerPermissions(model.resource(id).Type).tagging.taggable === true), extra];
    });
  }
  // A resource of the same service the properties refer to (a WebACLAssociation's load balancer).
  const sameService = model
    .references(logicalId)
    .find((r) => identityOf(model.resource(r.logicalId).Type).service === service && model.arn(r.logicalId));
  if (sameService && identity.service !== service) {
    return [
      [
        model.arn(sameService.logicalId)!,
        model.tags(sameService.logicalId, handlerPermissions(model.resource(sameService.logicalId).Type).tagging.taggable === true),
        {},
      ],
    ];
  }
  // Same service, but the reference lists another resource type for the action (ELBv2's CreateLoadBalancer): the resource itself.
  if (identity.service === service && model.arn(logicalId))
    return [[model.arn(logicalId)!, model.tags(logicalId, handlerPermissions(Type).tagging.taggable === true), {}]];
  // Nothing of this template: a resource the call would create or read outside it (judged in unused-calls.ts when denied).
  return [[model.formatArn(service, facts.resourceTypes[0], `${model.scenario.stackName}-other`), {}, {}]];
}

/** iam:PassRole of every role a resource names, to the service it is passed to (whether or not its schema lists it). */
function passRoleCalls(model: TemplateModel): ProofCall[] {
  const calls: ProofCall[] = [];
  for (const [logicalId, resource] of model.resources) {
    for (const reference of model.references(logicalId)) {
      if (model.resource(reference.logicalId).Type !== 'AWS::IAM::Role' || reference.attribute !== 'Arn') continue;
      const path = reference.path.replace(/\[\d+\]/g, '');
      // A policy document or a custom resource's input names the role; it does not pass it.
      if (resource.Type === 'AWS::IAM::Policy' || resource.Type.startsWith('Custom::') || /Polic|Principal/.test(path)) continue;
      const passedTo = PASSED_ROLE_SERVICES[`${resource.Type}/${path}`];
      if (!passedTo)
        throw new Error(
          `${logicalId} (${resource.Type}) passes role ${reference.logicalId} in ${path}: add the service it is passed to in ` +
            `PASSED_ROLE_SERVICES (lib/proof/launch-calls.ts).`,
        );
      for (const operation of ['create', 'update'] as const) {
        calls.push({
          logicalId,
          type: resource.Type,
          operation,
          handler: `${resource.Type} ${operation}: iam:PassRole of ${path} (IAM: passing a role to a service)`,
          action: 'iam:PassRole',
          resource: model.arn(reference.logicalId)!,
          context: { 'aws:RequestedRegion': 'us-east-1', 'aws:CalledVia': ['cloudformation.amazonaws.com'], 'iam:PassedToService': passedTo },
        });
      }
    }
  }
  return calls;
}

/** Calls no resource schema lists: the stack itself, the product template, Lambda code from S3. */
function unlistedCalls(model: TemplateModel, account: string): ProofCall[] {
  const { region, stackName } = model.scenario;
  const base = { 'aws:RequestedRegion': region, 'aws:CalledVia': ['servicecatalog.amazonaws.com'] };
  const stackArn = model.ref('AWS::StackId');
  const stackTags = model.scenario.stackTags;
  const calls: ProofCall[] = [];
  const stackCall = (operation: Operation, action: string, context: ContextValues = {}) =>
    calls.push({
      logicalId: stackName,
      type: 'AWS::CloudFormation::Stack',
      operation,
      action,
      resource: stackArn,
      context: { ...base, ...context },
      handler:
        `Service Catalog ${operation} of the provisioned product ` +
        `(https://docs.aws.amazon.com/servicecatalog/latest/adminguide/constraints-launch.html)`,
    });
  stackCall('create', 'cloudformation:CreateStack', tagContext(stackTags, 'RequestTag'));
  stackCall('create', 'cloudformation:DescribeStacks');
  stackCall('create', 'cloudformation:DescribeStackEvents');
  stackCall('create', 'cloudformation:GetTemplateSummary');
  stackCall('update', 'cloudformation:UpdateStack', { ...tagContext(stackTags, 'ResourceTag'), ...tagContext(stackTags, 'RequestTag') });
  stackCall('update', 'cloudformation:DescribeStacks');
  stackCall('delete', 'cloudformation:DeleteStack', tagContext(stackTags, 'ResourceTag'));
  calls.push({
    logicalId: stackName,
    type: 'AWS::CloudFormation::Stack',
    operation: 'create',
    action: 'cloudformation:ValidateTemplate',
    resource: '*',
    context: base,
    handler: 'Service Catalog validates the product template before provisioning',
  });
  // Service Catalog hands CloudFormation the template from its own bucket, tagged servicecatalog:provisioning=true.
  for (const operation of ['create', 'update'] as const) {
    calls.push({
      logicalId: stackName,
      type: 'AWS::CloudFormation::Stack',
      operation,
      action: 's3:GetObject',
      resource: `arn:aws:s3:::cf-templates-servicecatalog-${region}/${account}/product.template.json`,
      context: { ...base, 's3:ExistingObjectTag/servicecatalog:provisioning': 'true' },
      handler:
        "CloudFormation reads the product template from Service Catalog's bucket " +
        '(https://docs.aws.amazon.com/servicecatalog/latest/adminguide/constraints-launch.html)',
    });
  }
  for (const [logicalId, resource] of model.resources) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const code = model.resolve(resource.Properties?.Code) as { S3Bucket?: string; S3Key?: string } | undefined;
    if (!code?.S3Bucket) continue;
    for (const operation of ['create', 'update'] as const) {
      calls.push({
        logicalId,
        type: resource.Type,
        operation,
        action: 's3:GetObject',
        resource: `arn:aws:s3:::${code.S3Bucket}/${code.S3Key}`,
        context: { 'aws:RequestedRegion': region, 'aws:CalledVia': ['cloudformation.amazonaws.com', 'lambda.amazonaws.com'] },
        handler:
          `Lambda reads the function code (asset) from S3 with the caller's credentials on ${operation} ` +
          `(https://docs.aws.amazon.com/lambda/latest/api/API_FunctionCode.html)`,
      });
    }
  }
  return calls;
}
