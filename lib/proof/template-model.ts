/**
 * A rendered CloudFormation template as CloudFormation will see it in one provisioning: parameter values,
 * the physical names and ARNs CloudFormation will give each resource, and the tags each one receives.
 * Pure data in, strings out; used by the permission proof (lib/proof/launch-calls.ts, running-roles.ts).
 */

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Condition?: string;
  readonly DeletionPolicy?: string;
}
export interface CfnTemplate {
  readonly Parameters?: Record<string, { Default?: unknown }>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  readonly Conditions?: Record<string, unknown>;
  readonly Resources: Record<string, TemplateResource>;
}

/** One provisioning of the product: where, with which parameters, and the stack-level tags it gets. */
export interface ProvisioningScenario {
  readonly account: string;
  readonly region: string;
  /** Service Catalog names provisioned stacks SC-<account>-pp-<id>. */
  readonly stackName: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** Tags on the stack (TagOptions, Service Catalog's aws:servicecatalog:*): CloudFormation propagates them to every taggable resource. */
  readonly stackTags: Readonly<Record<string, string>>;
}

/** How CloudFormation identifies a resource of a type, and which IAM resource type (Service Authorization Reference) it is. */
interface Identity {
  readonly service?: string;
  readonly resourceType?: string;
  /** `name`: CloudFormation generates a name from the stack (unless a name property is set); else an id with this prefix. */
  readonly id: 'name' | 'uuid' | string;
  readonly nameProperty?: string;
  /** Ref returns the ARN. */
  readonly refIsArn?: boolean;
  readonly lowerCase?: boolean;
}

/** Every resource type the blueprint's templates use; a type missing here fails the proof (see identityOf). */
export const RESOURCE_IDENTITIES: Readonly<Record<string, Identity>> = {
  'AWS::ApiGatewayV2::Api': { service: 'apigateway', resourceType: 'Api', id: 'api' },
  'AWS::ApiGatewayV2::Integration': { service: 'apigateway', resourceType: 'Integration', id: 'intg' },
  'AWS::ApiGatewayV2::Route': { service: 'apigateway', resourceType: 'Route', id: 'route' },
  'AWS::ApiGatewayV2::Stage': { service: 'apigateway', resourceType: 'Stage', id: 'name', nameProperty: 'StageName' },
  'AWS::ApiGatewayV2::VpcLink': { service: 'apigateway', resourceType: 'VpcLink', id: 'vpcl' },
  'AWS::ApplicationAutoScaling::ScalableTarget': { service: 'application-autoscaling', resourceType: 'ScalableTarget', id: 'st' },
  'AWS::ApplicationAutoScaling::ScalingPolicy': { id: 'name', refIsArn: true },
  'AWS::Backup::BackupPlan': { service: 'backup', resourceType: 'backupPlan', id: 'uuid' },
  'AWS::Backup::BackupSelection': { id: 'uuid' },
  'AWS::Backup::BackupVault': { service: 'backup', resourceType: 'backupVault', id: 'name', nameProperty: 'BackupVaultName' },
  'AWS::EC2::EIP': { service: 'ec2', resourceType: 'elastic-ip', id: 'eipalloc-' },
  'AWS::EC2::FlowLog': { service: 'ec2', resourceType: 'vpc-flow-log', id: 'fl-' },
  'AWS::EC2::InternetGateway': { service: 'ec2', resourceType: 'internet-gateway', id: 'igw-' },
  'AWS::EC2::NatGateway': { service: 'ec2', resourceType: 'natgateway', id: 'nat-' },
  'AWS::EC2::Route': { id: 'rtb-route-' },
  'AWS::EC2::RouteTable': { service: 'ec2', resourceType: 'route-table', id: 'rtb-' },
  'AWS::EC2::SecurityGroup': { service: 'ec2', resourceType: 'security-group', id: 'sg-' },
  'AWS::EC2::SecurityGroupEgress': { service: 'ec2', resourceType: 'security-group-rule', id: 'sgr-' },
  'AWS::EC2::SecurityGroupIngress': { service: 'ec2', resourceType: 'security-group-rule', id: 'sgr-' },
  'AWS::EC2::Subnet': { service: 'ec2', resourceType: 'subnet', id: 'subnet-' },
  'AWS::EC2::SubnetRouteTableAssociation': { id: 'rtbassoc-' },
  'AWS::EC2::VPC': { service: 'ec2', resourceType: 'vpc', id: 'vpc-' },
  'AWS::EC2::VPCEndpoint': { service: 'ec2', resourceType: 'vpc-endpoint', id: 'vpce-' },
  'AWS::EC2::VPCGatewayAttachment': { id: 'IGW|' },
  'AWS::ECS::Cluster': { service: 'ecs', resourceType: 'cluster', id: 'name', nameProperty: 'ClusterName' },
  'AWS::ECS::Service': { service: 'ecs', resourceType: 'service', id: 'name', nameProperty: 'ServiceName', refIsArn: true },
  'AWS::ECS::TaskDefinition': { service: 'ecs', resourceType: 'task-definition', id: 'name', nameProperty: 'Family', refIsArn: true },
  'AWS::ElastiCache::ReplicationGroup': {
    service: 'elasticache',
    resourceType: 'replicationgroup',
    id: 'name',
    nameProperty: 'ReplicationGroupId',
    lowerCase: true,
  },
  'AWS::ElastiCache::SubnetGroup': {
    service: 'elasticache',
    resourceType: 'subnetgroup',
    id: 'name',
    nameProperty: 'CacheSubnetGroupName',
    lowerCase: true,
  },
  'AWS::ElasticLoadBalancingV2::Listener': { service: 'elasticloadbalancing', resourceType: 'listener/app', id: 'name', refIsArn: true },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': {
    service: 'elasticloadbalancing',
    resourceType: 'loadbalancer/app/',
    id: 'name',
    nameProperty: 'Name',
    refIsArn: true,
  },
  'AWS::ElasticLoadBalancingV2::TargetGroup': {
    service: 'elasticloadbalancing',
    resourceType: 'targetgroup',
    id: 'name',
    nameProperty: 'Name',
    refIsArn: true,
  },
  'AWS::IAM::Policy': { id: 'name', nameProperty: 'PolicyName' },
  'AWS::IAM::Role': { service: 'iam', resourceType: 'role', id: 'name', nameProperty: 'RoleName' },
  'AWS::KMS::Key': { service: 'kms', resourceType: 'key', id: 'uuid' },
  'AWS::Lambda::Function': { service: 'lambda', resourceType: 'function', id: 'name', nameProperty: 'FunctionName' },
  'AWS::Logs::LogGroup': { service: 'logs', resourceType: 'log-group', id: 'name', nameProperty: 'LogGroupName' },
  'AWS::RDS::DBInstance': { service: 'rds', resourceType: 'db', id: 'name', nameProperty: 'DBInstanceIdentifier', lowerCase: true },
  'AWS::RDS::DBParameterGroup': { service: 'rds', resourceType: 'pg', id: 'name', nameProperty: 'DBParameterGroupName', lowerCase: true },
  'AWS::RDS::DBSubnetGroup': { service: 'rds', resourceType: 'subgrp', id: 'name', nameProperty: 'DBSubnetGroupName', lowerCase: true },
  'AWS::SecretsManager::ResourcePolicy': { id: 'name', refIsArn: true },
  'AWS::SecretsManager::Secret': { service: 'secretsmanager', resourceType: 'Secret', id: 'name', nameProperty: 'Name', refIsArn: true },
  'AWS::WAFv2::LoggingConfiguration': { id: 'name' },
  'AWS::WAFv2::WebACL': { service: 'wafv2', resourceType: 'webacl', id: 'name', nameProperty: 'Name' },
  'AWS::WAFv2::WebACLAssociation': { id: 'name' },
};

export function identityOf(type: string): Identity {
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') return { id: 'name' };
  const identity = RESOURCE_IDENTITIES[type];
  if (!identity)
    throw new Error(
      `No identity for ${type} in lib/proof/template-model.ts RESOURCE_IDENTITIES: add how CloudFormation names it and its IAM resource type.`,
    );
  return identity;
}

/** ARN formats of the Service Authorization Reference (iam-data), keyed `service/resourceType`. */
export type ArnFormats = Readonly<Record<string, string>>;

const hex = (seed: string, length: number) => {
  let h = 2166136261;
  let out = '';
  while (out.length < length) {
    for (const c of `${seed}${out.length}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
};

export class TemplateModel {
  public readonly conditions: Record<string, boolean> = {};

  constructor(
    public readonly template: CfnTemplate,
    public readonly scenario: ProvisioningScenario,
    private readonly arnFormats: ArnFormats,
  ) {
    for (const name of Object.keys(template.Conditions ?? {})) this.condition(name);
  }

  get resources(): [string, TemplateResource][] {
    return Object.entries(this.template.Resources).filter(([, r]) => r.Condition === undefined || this.condition(r.Condition));
  }

  resource(logicalId: string): TemplateResource {
    const found = this.template.Resources[logicalId];
    if (!found) throw new Error(`no resource ${logicalId}`);
    return found;
  }

  parameter(name: string): string {
    const value = this.scenario.parameters[name] ?? this.template.Parameters?.[name]?.Default;
    if (value === undefined) throw new Error(`parameter ${name} has no value in the scenario`);
    return String(value);
  }

  condition(name: string): boolean {
    if (!(name in this.conditions)) this.conditions[name] = Boolean(this.resolve(this.template.Conditions?.[name]));
    return this.conditions[name];
  }

  /** The physical name or id CloudFormation gives the resource (what most Refs return). */
  physicalId(logicalId: string): string {
    const { Type, Properties = {} } = this.resource(logicalId);
    const identity = identityOf(Type);
    if (identity.nameProperty && Properties[identity.nameProperty] !== undefined) return String(this.resolve(Properties[identity.nameProperty]));
    if (identity.id === 'uuid') {
      const h = hex(logicalId, 32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    if (identity.id !== 'name') return `${identity.id}${hex(logicalId, 17)}`;
    // CloudFormation: <stack name>-<logical id>-<random>, cut to the type's length limit (the stack prefix stays).
    const name = `${this.scenario.stackName}-${logicalId.slice(0, 20)}-${hex(logicalId, 12).toUpperCase()}`;
    return identity.lowerCase ? name.toLowerCase() : name;
  }

  /** The resource's own ARN, as the Service Authorization Reference formats it; undefined for types without one. */
  arn(logicalId: string): string | undefined {
    const { Type } = this.resource(logicalId);
    const identity = identityOf(Type);
    if (!identity.service || !identity.resourceType) return undefined;
    const id = this.physicalId(logicalId);
    if (Type === 'AWS::SecretsManager::Secret') return this.formatArn('secretsmanager', 'Secret', `${id}-${hex(logicalId, 6)}`);
    if (Type === 'AWS::ECS::TaskDefinition') return this.formatArn('ecs', 'task-definition', `${id}:1`);
    return this.formatArn(identity.service, identity.resourceType, id);
  }

  /** Fills an ARN format of iam-data: Partition, Region, Account, Scope; every other variable gets `name`. */
  formatArn(service: string, resourceType: string, name: string): string {
    const format = this.arnFormats[`${service}/${resourceType}`];
    if (!format) throw new Error(`iam-data has no resource type ${service}/${resourceType}`);
    return format
      .split(',')[0]
      .trim()
      .replace(
        /\$\{(\w+)\}/g,
        (_m, variable: string) =>
          (
            ({
              Partition: 'aws',
              Region: this.scenario.region,
              Account: this.scenario.account,
              Scope: 'regional',
            }) as Record<string, string>
          )[variable] ?? name,
      );
  }

  attribute(logicalId: string, attribute: string): string {
    const { Type } = this.resource(logicalId);
    if (attribute === 'Arn' || (attribute.endsWith('Arn') && !attribute.includes('.')))
      return this.arn(logicalId) ?? `${this.physicalId(logicalId)}.${attribute}`;
    if (Type === 'AWS::RDS::DBInstance' && attribute === 'MasterUserSecret.SecretArn') {
      return this.formatArn(
        'secretsmanager',
        'Secret',
        `rds!db-${hex(logicalId, 8)}-${hex(logicalId, 4)}-${hex(`${logicalId}x`, 12)}-${hex(`${logicalId}y`, 6)}`,
      );
    }
    if (Type === 'AWS::EC2::VPC' && attribute === 'DefaultSecurityGroup') return `sg-${hex(`${logicalId}default`, 17)}`;
    return `${this.physicalId(logicalId)}.${attribute}`;
  }

  ref(logicalId: string): string {
    const pseudo: Record<string, string> = {
      'AWS::AccountId': this.scenario.account,
      'AWS::Region': this.scenario.region,
      'AWS::Partition': 'aws',
      'AWS::StackName': this.scenario.stackName,
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::NoValue': '',
      'AWS::StackId': `arn:aws:cloudformation:${this.scenario.region}:${this.scenario.account}:stack/${this.scenario.stackName}/${hex('stack', 8)}`,
    };
    if (logicalId in pseudo) return pseudo[logicalId];
    if (this.template.Parameters?.[logicalId]) return this.parameter(logicalId);
    const identity = identityOf(this.resource(logicalId).Type);
    return identity.refIsArn ? (this.arn(logicalId) ?? this.physicalId(logicalId)) : this.physicalId(logicalId);
  }

  /** Evaluates the intrinsic functions the blueprint uses. */
  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [fn, arg] = entries[0];
      const a = arg as unknown[];
      switch (fn) {
        case 'Ref':
          return this.ref(String(arg));
        case 'Fn::GetAtt': {
          const [id, ...attr] = Array.isArray(arg) ? (arg as string[]) : String(arg).split('.');
          return this.attribute(id, attr.join('.'));
        }
        case 'Fn::Join':
          return (this.resolve(a[1]) as unknown[]).map(String).join(String(a[0]));
        case 'Fn::Select':
          return (this.resolve(a[1]) as unknown[])[Number(this.resolve(a[0]))];
        case 'Fn::Split':
          return String(this.resolve(a[1])).split(String(a[0]));
        case 'Fn::FindInMap': {
          const [m, k1, k2] = this.resolve(a) as string[];
          return this.template.Mappings?.[m]?.[k1]?.[k2];
        }
        case 'Fn::If':
          return this.condition(String(a[0])) ? this.resolve(a[1]) : this.resolve(a[2]);
        case 'Fn::Equals':
          return String(this.resolve(a[0])) === String(this.resolve(a[1]));
        case 'Fn::And':
          return a.every((c) => Boolean(this.resolve(c)));
        case 'Fn::Or':
          return a.some((c) => Boolean(this.resolve(c)));
        case 'Fn::Not':
          return !this.resolve(a[0]);
        case 'Condition':
          return this.condition(String(arg));
        case 'Fn::GetAZs':
          return ['a', 'b', 'c'].map((z) => `${this.scenario.region}${z}`);
        case 'Fn::Base64':
          return String(this.resolve(arg));
        case 'Fn::Sub': {
          const [text, vars] = Array.isArray(arg) ? [String(arg[0]), (arg[1] ?? {}) as Record<string, unknown>] : [String(arg), {}];
          return text.replace(/\$\{([^}]+)\}/g, (_m, name: string) =>
            name in vars
              ? String(this.resolve(vars[name]))
              : name.includes('.')
                ? this.attribute(name.split('.')[0], name.split('.').slice(1).join('.'))
                : this.ref(name),
          );
        }
        default:
          break;
      }
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(v)]));
  }

  /** Tags the resource carries: its own Tags property (list or map) plus the stack tags, where the type is taggable. */
  tags(logicalId: string, taggable: boolean): Record<string, string> {
    if (!taggable) return {};
    const own = this.resolve(this.resource(logicalId).Properties?.Tags);
    const tags: Record<string, string> = { ...this.scenario.stackTags };
    if (Array.isArray(own)) for (const t of own as { Key: string; Value: string }[]) tags[t.Key] = String(t.Value);
    else if (own && typeof own === 'object') Object.assign(tags, own);
    return tags;
  }

  /** Logical ids (of resources) this resource's properties refer to, with the attribute used ('' for Ref). */
  references(logicalId: string): { logicalId: string; attribute: string; path: string }[] {
    const found: { logicalId: string; attribute: string; path: string }[] = [];
    const visit = (value: unknown, path: string) => {
      if (Array.isArray(value)) {
        value.forEach((v, i) => visit(v, `${path}[${i}]`));
        return;
      }
      if (value === null || typeof value !== 'object') return;
      const object = value as Record<string, unknown>;
      if (typeof object.Ref === 'string' && this.template.Resources[object.Ref]) found.push({ logicalId: object.Ref, attribute: '', path });
      const getAtt = object['Fn::GetAtt'];
      if (Array.isArray(getAtt) && this.template.Resources[getAtt[0] as string])
        found.push({ logicalId: getAtt[0] as string, attribute: getAtt.slice(1).join('.'), path });
      for (const [k, v] of Object.entries(object)) visit(v, path ? `${path}.${k}` : k);
    };
    visit(this.resource(logicalId).Properties ?? {}, '');
    return found;
  }
}
