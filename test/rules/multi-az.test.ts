/** SFX-MULTI-AZ at the pure level: DB instances, Aurora, caches, VPC subnets, ECS counts and numeric parameters. */
import { MultiAz } from '../../rules/multi-az';
import { checkOne, findings, template, TemplateBuilder, violationsOf } from './support/template-builder';

const subnet = (zone: unknown) => ({ VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24', AvailabilityZone: zone });
const vpc = () => template().resource('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
/** A VPC with subnets A and B in the two zones given. */
const twoSubnets = (a: unknown, b: unknown): TemplateBuilder =>
  vpc().resource('A', 'AWS::EC2::Subnet', subnet(a)).resource('B', 'AWS::EC2::Subnet', subnet(b));
const service = (properties: Record<string, unknown>, stack = template()) =>
  stack.resource('Service', 'AWS::ECS::Service', { Cluster: 'c', TaskDefinition: 't', ...properties });

describe('SFX-MULTI-AZ', () => {
  test('a DB instance needs MultiAZ true', () => {
    expect(findings(MultiAz, template().resource('Db', 'AWS::RDS::DBInstance', { Engine: 'postgres', MultiAZ: true }))).toEqual([]);
    expect(violationsOf(MultiAz, template().resource('Db', 'AWS::RDS::DBInstance', { Engine: 'postgres' }))).toEqual([
      expect.objectContaining({ ruleId: 'SFX-MULTI-AZ', path: 'Stack/Db', message: 'MultiAZ is absent (CloudFormation default: false)' }),
    ]);
  });

  describe('a VPC', () => {
    test('passes with subnets in two AZs (names, GetAZs positions or AZ ids)', () => {
      expect(findings(MultiAz, twoSubnets('eu-west-1a', 'eu-west-1b'))).toEqual([]);
      const getAzs = (index: number) => ({ 'Fn::Select': [index, { 'Fn::GetAZs': '' }] });
      expect(findings(MultiAz, twoSubnets(getAzs(0), getAzs(1)))).toEqual([]);
      const own = (index: number) => ({ 'Fn::Select': [index, { 'Fn::GetAZs': { Ref: 'AWS::Region' } }] });
      expect(findings(MultiAz, twoSubnets(own(0), own(1)))).toEqual([]);
      const named = (index: string) => ({ 'Fn::Select': [index, { 'Fn::GetAZs': 'eu-west-1' }] });
      expect(findings(MultiAz, twoSubnets(named('0'), named('1')))).toEqual([]);
      const byId = vpc()
        .resource('A', 'AWS::EC2::Subnet', { VpcId: { Ref: 'Vpc' }, AvailabilityZoneId: 'euw1-az1' })
        .resource('B', 'AWS::EC2::Subnet', { VpcId: { Ref: 'Vpc' }, AvailabilityZoneId: 'euw1-az2' });
      expect(findings(MultiAz, byId)).toEqual([]);
    });

    test('fails with subnets in one AZ, unpinned, in forms that cannot be told apart, or of another VPC', () => {
      expect(violationsOf(MultiAz, twoSubnets('eu-west-1a', 'eu-west-1a'))).toEqual([
        expect.objectContaining({
          path: 'Stack/Vpc',
          message: "the VPC's 2 subnet(s) provably span 1 Availability Zone(s)",
          fix: 'create subnets in at least two AZs (ec2.Vpc maxAzs >= 2, or pin AvailabilityZone on each subnet)',
        }),
      ]);
      expect(findings(MultiAz, twoSubnets(undefined, undefined))).toEqual(["Stack/Vpc: the VPC's 2 subnet(s) provably span 0 Availability Zone(s)"]);
      const mixed = twoSubnets('eu-west-1a', { 'Fn::Select': [1, { 'Fn::GetAZs': '' }] });
      expect(findings(MultiAz, mixed)).toHaveLength(1);
      const foreignGetAzs = twoSubnets({ 'Fn::Select': [0, { 'Fn::GetAZs': 'us-east-1' }] }, { 'Fn::Select': [1, { 'Fn::GetAZs': 'us-east-1' }] });
      expect(findings(MultiAz, foreignGetAzs)).toHaveLength(1);
      const other = vpc()
        .resource('A', 'AWS::EC2::Subnet', subnet('eu-west-1a'))
        .resource('B', 'AWS::EC2::Subnet', { ...subnet('eu-west-1b'), VpcId: 'vpc-other' });
      expect(findings(MultiAz, other)).toEqual(["Stack/Vpc: the VPC's 1 subnet(s) provably span 1 Availability Zone(s)"]);
    });

    test('a subnet that exists only under a condition does not count', () => {
      const conditional = vpc()
        .condition('Extra', { 'Fn::Equals': ['a', 'b'] })
        .resource('A', 'AWS::EC2::Subnet', subnet('eu-west-1a'))
        .resource('B', 'AWS::EC2::Subnet', subnet('eu-west-1b'), { Condition: 'Extra' });
      expect(findings(MultiAz, conditional)).toEqual(["Stack/Vpc: the VPC's 1 subnet(s) provably span 1 Availability Zone(s)"]);
    });
  });

  describe('Aurora clusters', () => {
    const aurora = (
      members: [string, Record<string, unknown>, Record<string, unknown>?][],
      clusterProps: Record<string, unknown> = {},
    ): TemplateBuilder => {
      const stack = template().resource('Cluster', 'AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', ...clusterProps });
      for (const [id, props, extra] of members)
        stack.resource(id, 'AWS::RDS::DBInstance', { Engine: 'aurora-postgresql', DBClusterIdentifier: { Ref: 'Cluster' }, ...props }, extra);
      return stack;
    };

    test('two unpinned instances pass; one, or a second one under a condition, fails', () => {
      expect(
        findings(
          MultiAz,
          aurora([
            ['W', {}],
            ['R', {}],
          ]),
        ),
      ).toEqual([]);
      const single = 'Stack/Cluster: the Aurora DB cluster has 1 DB instance(s) in this template; a writer alone is single-AZ';
      expect(findings(MultiAz, aurora([['W', {}]]))).toEqual([single]);
      expect(
        findings(
          MultiAz,
          aurora([
            ['W', {}],
            ['R', {}, { Condition: 'Extra' }],
          ]).condition('Extra', { 'Fn::Equals': ['a', 'b'] }),
        ),
      ).toEqual([single]);
    });

    test('instances all pinned to one AZ, or AvailabilityZones of one zone, fail', () => {
      expect(
        findings(
          MultiAz,
          aurora([
            ['W', { AvailabilityZone: 'eu-west-1a' }],
            ['R', { AvailabilityZone: 'eu-west-1a' }],
          ]),
        ),
      ).toEqual(['Stack/Cluster: every DB instance of the Aurora DB cluster pins the same AvailabilityZone, so the cluster is single-AZ']);
      expect(
        findings(
          MultiAz,
          aurora([
            ['W', { AvailabilityZone: 'eu-west-1a' }],
            ['R', { AvailabilityZone: 'eu-west-1b' }],
          ]),
        ),
      ).toEqual([]);
      expect(
        findings(
          MultiAz,
          aurora([
            ['W', { AvailabilityZone: 'eu-west-1a' }],
            ['R', {}],
          ]),
        ),
      ).toEqual([]);
      expect(
        findings(
          MultiAz,
          aurora(
            [
              ['W', {}],
              ['R', {}],
            ],
            { AvailabilityZones: ['eu-west-1a', 'eu-west-1a'] },
          ),
        ),
      ).toEqual(['Stack/Cluster: AvailabilityZones lists only eu-west-1a, so every DB instance of the Aurora cluster is in one AZ']);
      expect(
        findings(
          MultiAz,
          aurora(
            [
              ['W', {}],
              ['R', {}],
            ],
            { AvailabilityZones: ['eu-west-1a', 'eu-west-1b'] },
          ),
        ),
      ).toEqual([]);
    });

    test('a Multi-AZ DB cluster (postgres or mysql engine) passes', () => {
      expect(findings(MultiAz, template().resource('Cluster', 'AWS::RDS::DBCluster', { Engine: 'postgres' }))).toEqual([]);
      expect(findings(MultiAz, template().resource('Cluster', 'AWS::RDS::DBCluster', { Engine: 'mysql' }))).toEqual([]);
    });
  });

  describe('Redis replication groups', () => {
    const group = (properties: Record<string, unknown>) =>
      template().resource('Cache', 'AWS::ElastiCache::ReplicationGroup', {
        MultiAZEnabled: true,
        AutomaticFailoverEnabled: true,
        NumCacheClusters: 2,
        ...properties,
      });

    test('pass with Multi-AZ, failover and a replica', () => {
      expect(findings(MultiAz, group({}))).toEqual([]);
      expect(findings(MultiAz, group({ Engine: 'memcached', MultiAZEnabled: false }))).toEqual([]);
    });

    test('fail each missing piece', () => {
      expect(findings(MultiAz, group({ MultiAZEnabled: false }))).toEqual(['Stack/Cache: MultiAZEnabled is false']);
      expect(findings(MultiAz, group({ AutomaticFailoverEnabled: undefined }))).toEqual([
        'Stack/Cache: AutomaticFailoverEnabled is absent (CloudFormation default: false)',
      ]);
      expect(findings(MultiAz, group({ NumCacheClusters: 1 }))).toEqual(['Stack/Cache: NumCacheClusters is 1']);
      expect(findings(MultiAz, group({ NumCacheClusters: undefined }))).toEqual([
        'Stack/Cache: NumCacheClusters is absent (CloudFormation default: 1)',
      ]);
      expect(findings(MultiAz, group({ PreferredCacheClusterAZs: ['eu-west-1a', 'eu-west-1a'] }))).toEqual([
        'Stack/Cache: PreferredCacheClusterAZs places every node in eu-west-1a',
      ]);
      expect(findings(MultiAz, group({ PreferredCacheClusterAZs: ['eu-west-1a', 'eu-west-1b'] }))).toEqual([]);
      expect(findings(MultiAz, group({ NumCacheClusters: undefined, PrimaryClusterId: 'old' }))).toEqual([
        'Stack/Cache: the replica count of a group built from PrimaryClusterId cannot be proven',
      ]);
    });
  });

  describe('a numeric parameter as a count', () => {
    const count = (parameter: Record<string, unknown>) =>
      findings(MultiAz, service({ DesiredCount: { Ref: 'Count' } }, template().parameter('Count', parameter)));

    test('passes when MinValue reaches the floor, whatever the MaxValue', () => {
      expect(count({ Type: 'Number', MinValue: 2 })).toEqual([]);
      expect(count({ Type: 'Number', MinValue: '3', MaxValue: 10 })).toEqual([]);
      expect(count({ Type: 'Number', AllowedValues: [2, 4] })).toEqual([]);
    });

    test('fails with only a MaxValue (even one above the floor), a low MinValue, or no bound', () => {
      const range = 'Stack/Service: DesiredCount comes from parameter Count, whose range allows values that are not at least 2';
      expect(count({ Type: 'Number', MaxValue: 10 })).toEqual([range]);
      expect(count({ Type: 'Number', MinValue: 1, MaxValue: 10 })).toEqual([range]);
      expect(count({ Type: 'Number', MinValue: 1 })).toEqual([range]);
      expect(count({ Type: 'Number' })).toEqual([
        expect.stringContaining('DesiredCount is not a literal (it is CloudFormation parameter Count without AllowedValues'),
      ]);
      expect(count({ Type: 'String', MinValue: 2 })).toEqual([expect.stringContaining('without AllowedValues')]);
      expect(count({ Type: 'Number', AllowedValues: [1, 2] })).toEqual(['Stack/Service: DesiredCount comes from parameter Count, which allows 1']);
    });
  });

  describe('ECS services', () => {
    test('need DesiredCount >= 2 (default 1), REPLICA scheduling', () => {
      expect(findings(MultiAz, service({ DesiredCount: 2 }))).toEqual([]);
      expect(findings(MultiAz, service({ DesiredCount: '3' }))).toEqual([]);
      expect(findings(MultiAz, service({}))).toEqual(['Stack/Service: DesiredCount is absent (CloudFormation default: 1)']);
      expect(findings(MultiAz, service({ DesiredCount: 1 }))).toEqual(['Stack/Service: DesiredCount is 1']);
      expect(violationsOf(MultiAz, service({ SchedulingStrategy: 'DAEMON' }))).toEqual([
        expect.objectContaining({
          message: `SchedulingStrategy is "DAEMON": a DAEMON service's task count cannot be proven to be at least 2`,
          fix: 'use the REPLICA strategy with DesiredCount >= 2',
        }),
      ]);
      expect(findings(MultiAz, service({ SchedulingStrategy: 'replica', DesiredCount: 2 }))).toEqual([]);
    });

    test('subnets all in one AZ fail', () => {
      const stack = twoSubnets('eu-west-1a', 'eu-west-1b');
      const placed = (subnets: string[]) =>
        service({ DesiredCount: 2, NetworkConfiguration: { AwsvpcConfiguration: { Subnets: subnets.map((s) => ({ Ref: s })) } } }, stack);
      expect(findings(MultiAz, placed(['A', 'B']))).toEqual([]);
      expect(findings(MultiAz, placed(['A']))).toEqual([
        'Stack/Service: NetworkConfiguration places every task in subnets of a single Availability Zone',
      ]);
    });
  });

  describe('auto scaling', () => {
    const target = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      template().resource(
        'Target',
        'AWS::ApplicationAutoScaling::ScalableTarget',
        { MaxCapacity: 10, ResourceId: 'service/c/s', ...properties },
        extra,
      );
    const ecs = { ScalableDimension: 'ecs:service:DesiredCount' };

    test('an ECS scalable target needs MinCapacity >= 2, an ElastiCache replica target >= 1; other dimensions are not judged', () => {
      expect(findings(MultiAz, target({ ...ecs, MinCapacity: 2 }))).toEqual([]);
      expect(findings(MultiAz, target({ ...ecs, MinCapacity: 1 }))).toEqual(['Stack/Target: MinCapacity is 1']);
      expect(findings(MultiAz, target({ ...ecs }))).toEqual(['Stack/Target: MinCapacity is absent (no default that can be proven)']);
      const replicas = { ScalableDimension: 'elasticache:replication-group:Replicas' };
      expect(findings(MultiAz, target({ ...replicas, MinCapacity: 1 }))).toEqual([]);
      expect(findings(MultiAz, target({ ...replicas, MinCapacity: 0 }))).toEqual(['Stack/Target: MinCapacity is 0']);
      expect(findings(MultiAz, target({ ScalableDimension: 'dynamodb:table:ReadCapacityUnits', MinCapacity: 0 }))).toEqual([]);
      expect(findings(MultiAz, target({ ScalableDimension: { Ref: 'D' }, MinCapacity: 1 }).parameter('D'))).toEqual([
        'Stack/Target: MinCapacity is 1',
      ]);
    });

    test('scheduled actions may not go below the floor either', () => {
      expect(findings(MultiAz, target({ ...ecs, MinCapacity: 2, ScheduledActions: [{ ScalableTargetAction: { MinCapacity: 1 } }] }))).toEqual([
        'Stack/Target: ScheduledActions[0].ScalableTargetAction.MinCapacity is 1',
      ]);
      expect(
        findings(MultiAz, target({ ...ecs, MinCapacity: 2, ScheduledActions: [{ ScalableTargetAction: { MinCapacity: 3 } }, { Schedule: 'x' }] })),
      ).toEqual([]);
      expect(findings(MultiAz, target({ ...ecs, MinCapacity: 2, ScheduledActions: [{ 'Fn::If': ['C', {}, {}] }] }))).toEqual([
        'Stack/Target: ScheduledActions[0] is not a literal (it is not a literal object); the value must be a literal so the gate can prove it at synth time',
      ]);
    });

    test('a service without DesiredCount passes when an unconditional target of its desired count keeps two tasks', () => {
      const scaled = (min: number, extra: Record<string, unknown> = {}) =>
        service(
          {},
          template().resource(
            'Target',
            'AWS::ApplicationAutoScaling::ScalableTarget',
            {
              ...ecs,
              MinCapacity: min,
              MaxCapacity: 4,
              ResourceId: { 'Fn::Join': ['', ['service/', { Ref: 'C' }, '/', { 'Fn::GetAtt': ['Service', 'Name'] }]] },
            },
            extra,
          ),
        );
      expect(findings(MultiAz, scaled(2))).toEqual([]);
      expect(findings(MultiAz, scaled(1))).toEqual([
        'Stack/Target: MinCapacity is 1',
        'Stack/Service: DesiredCount is absent (CloudFormation default: 1)',
      ]);
      expect(findings(MultiAz, scaled(2, { Condition: 'C' }))).toEqual(['Stack/Service: DesiredCount is absent (CloudFormation default: 1)']);
    });
  });

  test('a memberOf constraint naming one AZ pins every task', () => {
    const placed = (Expression: unknown) => findings(MultiAz, service({ DesiredCount: 2, PlacementConstraints: [{ Type: 'memberOf', Expression }] }));
    expect(placed('attribute:ecs.availability-zone == eu-west-1a')).toEqual([
      'Stack/Service: PlacementConstraints[0] (memberOf attribute:ecs.availability-zone == eu-west-1a) places every task in the single Availability Zone eu-west-1a',
    ]);
    expect(placed('attribute:ecs.availability-zone in [eu-west-1a, eu-west-1b]')).toEqual([]);
    expect(placed('attribute:ecs.availability-zone in [eu-west-1a, ]')).toHaveLength(1);
    expect(placed('attribute:ecs.availability-zone == eu-west-1a or attribute:ecs.instance-type == t3.large')).toEqual([]);
    expect(placed({ Ref: 'E' })).toEqual([
      expect.stringContaining('PlacementConstraints[0].Expression is not a literal (it is decided at deploy time)'),
    ]);
  });
});

describe('SFX-MULTI-AZ, more cases', () => {
  const db = (properties: Record<string, unknown>, stack = template()) =>
    stack.resource('Db', 'AWS::RDS::DBInstance', { Engine: 'postgres', ...properties });

  test('MultiAZ as a string boolean is read as one; a parameter without AllowedValues fails closed', () => {
    expect(findings(MultiAz, db({ MultiAZ: 'true' }))).toEqual([]);
    expect(violationsOf(MultiAz, db({ MultiAZ: 'false' }))).toEqual([
      expect.objectContaining({ message: 'MultiAZ is "false"', fix: 'set MultiAZ to true' }),
    ]);
    expect(findings(MultiAz, db({ MultiAZ: { Ref: 'P' } }, template().parameter('P')))).toEqual([
      'Stack/Db: MultiAZ is not a literal (it is CloudFormation parameter P without AllowedValues, chosen at deploy time); the value must be a literal so the gate can prove it at synth time',
    ]);
  });

  test('an Aurora instance is judged through its cluster; without a cluster, or with one outside the template, it fails', () => {
    const aurora = (properties: Record<string, unknown>, stack = template()) =>
      stack.resource('Db', 'AWS::RDS::DBInstance', { Engine: 'aurora-postgresql', ...properties });
    expect(violationsOf(MultiAz, aurora({}))).toEqual([
      expect.objectContaining({
        message:
          'the DB instance runs an Aurora engine but names no DBClusterIdentifier: an Aurora instance belongs to a DB cluster ' +
          "(CloudFormation rejects it without one), and availability (MultiAZ does not apply: readers in other AZs do) is the cluster's",
      }),
    ]);
    expect(violationsOf(MultiAz, aurora({ DBClusterIdentifier: 'existing-cluster' }))).toEqual([
      expect.objectContaining({
        message: 'the Aurora DB instance belongs to a DB cluster outside this template, whose availability cannot be proven',
        fix: 'define the DB cluster and its instances in the same template',
      }),
    ]);
  });

  test('only the DB instances of this cluster count as its members', () => {
    const stack = template()
      .resource('Cluster', 'AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' })
      .resource('Other', 'AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' })
      .resource('W', 'AWS::RDS::DBInstance', { Engine: 'aurora-postgresql', DBClusterIdentifier: { Ref: 'Cluster' } })
      .resource('R', 'AWS::RDS::DBInstance', { Engine: 'aurora-postgresql', DBClusterIdentifier: { Ref: 'Other' } });
    expect(violationsOf(MultiAz, stack)).toEqual(
      ['Cluster', 'Other'].map((id) =>
        expect.objectContaining({
          path: `Stack/${id}`,
          message: 'the Aurora DB cluster has 1 DB instance(s) in this template; a writer alone is single-AZ',
          fix: 'add at least one reader instance (DatabaseCluster readers) so Aurora can fail over to another AZ',
        }),
      ),
    );
  });

  test('a cluster that may run Aurora (an engine parameter allowing it) is judged as Aurora', () => {
    const stack = template()
      .parameter('Engine', { Type: 'String', AllowedValues: ['postgres', 'aurora-postgresql'] })
      .resource('Cluster', 'AWS::RDS::DBCluster', { Engine: { Ref: 'Engine' } });
    expect(findings(MultiAz, stack)).toEqual([
      'Stack/Cluster: the Aurora DB cluster has 0 DB instance(s) in this template; a writer alone is single-AZ',
    ]);
  });

  test('the fixes for an Aurora cluster in one AZ', () => {
    const cluster = (clusterProps: Record<string, unknown>, zone?: string) => {
      const stack = template().resource('Cluster', 'AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', ...clusterProps });
      for (const id of ['W', 'R'])
        stack.resource(id, 'AWS::RDS::DBInstance', { Engine: 'aurora-postgresql', DBClusterIdentifier: { Ref: 'Cluster' }, AvailabilityZone: zone });
      return violationsOf(MultiAz, stack).map(({ message, fix }) => ({ message, fix }));
    };
    expect(cluster({ AvailabilityZones: [] })).toEqual([
      {
        message: 'AvailabilityZones lists only no zone, so every DB instance of the Aurora cluster is in one AZ',
        fix: 'list at least two AZs (or leave AvailabilityZones unset)',
      },
    ]);
    expect(cluster({ AvailabilityZones: ['eu-west-1b'] })[0].message).toBe(
      'AvailabilityZones lists only eu-west-1b, so every DB instance of the Aurora cluster is in one AZ',
    );
    expect(cluster({}, 'eu-west-1a')).toEqual([
      {
        message: 'every DB instance of the Aurora DB cluster pins the same AvailabilityZone, so the cluster is single-AZ',
        fix: 'place the reader(s) in another AZ (or leave AvailabilityZone unset so RDS spreads them)',
      },
    ]);
  });

  test('a VPC without subnets spans no AZ', () => {
    expect(findings(MultiAz, vpc())).toEqual(["Stack/Vpc: the VPC's 0 subnet(s) provably span 0 Availability Zone(s)"]);
  });

  describe('Redis', () => {
    const group = (properties: Record<string, unknown>) =>
      template().resource('Cache', 'AWS::ElastiCache::ReplicationGroup', { MultiAZEnabled: true, AutomaticFailoverEnabled: true, ...properties });

    test('cluster mode needs a replica per node group, and node groups written as literals', () => {
      expect(findings(MultiAz, group({ NumNodeGroups: 3, ReplicasPerNodeGroup: 1 }))).toEqual([]);
      expect(findings(MultiAz, group({ NumNodeGroups: 2, ReplicasPerNodeGroup: 0 }))).toEqual(['Stack/Cache: ReplicasPerNodeGroup is 0']);
      expect(findings(MultiAz, group({ NodeGroupConfiguration: [{ ReplicaCount: 1 }, { ReplicaCount: 0 }] }))).toEqual([
        'Stack/Cache: NodeGroupConfiguration[1].ReplicaCount is 0',
      ]);
      expect(findings(MultiAz, group({ NodeGroupConfiguration: [{ NodeGroupId: '0001', ReplicaCount: 1 }] }))).toEqual([]);
      expect(findings(MultiAz, group({ NodeGroupConfiguration: [{ 'Fn::If': ['Big', { ReplicaCount: 1 }, { ReplicaCount: 0 }] }] }))).toEqual([
        expect.stringContaining('Stack/Cache: NodeGroupConfiguration[0] is not a literal'),
      ]);
      expect(
        findings(
          MultiAz,
          group({ NodeGroupConfiguration: [{ ReplicaCount: 1, PrimaryAvailabilityZone: 'eu-west-1a', ReplicaAvailabilityZones: ['eu-west-1a'] }] }),
        ),
      ).toEqual([expect.stringContaining('places the primary and every replica in eu-west-1a')]);
    });

    test('NumCacheClusters from a parameter: MinValue 2 passes, MinValue 1 fails', () => {
      const count = (bounds: Record<string, unknown>) =>
        findings(MultiAz, group({ NumCacheClusters: { Ref: 'N' } }).parameter('N', { Type: 'Number', ...bounds }));
      expect(count({ MinValue: 2 })).toEqual([]);
      expect(count({ MinValue: 1, MaxValue: 6 })).toEqual([
        'Stack/Cache: NumCacheClusters comes from parameter N, whose range allows values that are not at least 2',
      ]);
    });
  });

  test('a global datastore may not switch automatic failover off (absent leaves it to the member groups)', () => {
    const global = (properties: Record<string, unknown>) =>
      findings(MultiAz, template().resource('Global', 'AWS::ElastiCache::GlobalReplicationGroup', properties));
    expect(global({})).toEqual([]);
    expect(global({ AutomaticFailoverEnabled: true })).toEqual([]);
    expect(global({ AutomaticFailoverEnabled: false })).toEqual(['Stack/Global: AutomaticFailoverEnabled is false']);
  });

  test('a MemoryDB cluster needs a replica per shard (default 1)', () => {
    const memorydb = (properties: Record<string, unknown>) => findings(MultiAz, template().resource('Db', 'AWS::MemoryDB::Cluster', properties));
    expect(memorydb({})).toEqual([]);
    expect(memorydb({ NumReplicasPerShard: 1 })).toEqual([]);
    expect(memorydb({ NumReplicasPerShard: 0 })).toEqual(['Stack/Db: NumReplicasPerShard is 0']);
  });

  describe('ECS services', () => {
    test('a lowercase daemon strategy fails; a strategy from a parameter fails closed', () => {
      expect(findings(MultiAz, service({ SchedulingStrategy: 'daemon', DesiredCount: 2 }))).toEqual([
        `Stack/Service: SchedulingStrategy is "daemon": a DAEMON service's task count cannot be proven to be at least 2`,
      ]);
      expect(
        findings(MultiAz, service({ SchedulingStrategy: { Ref: 'S' }, DesiredCount: 2 }, template().parameter('S', { Type: 'Number', MinValue: 1 }))),
      ).toEqual([
        `Stack/Service: SchedulingStrategy comes from parameter S, whose range allows values that are not "REPLICA": a DAEMON service's task count cannot be proven to be at least 2`,
      ]);
    });

    test('DesiredCount as a Fn::Select of a literal list fails closed', () => {
      expect(findings(MultiAz, service({ DesiredCount: { 'Fn::Select': [0, ['1', '2']] } }))).toEqual([
        'Stack/Service: DesiredCount is not a literal (it is the intrinsic function Fn::Select); the value must be a literal so the gate can prove it at synth time',
      ]);
    });

    test('a DesiredCount below two fails even when auto scaling keeps two tasks', () => {
      const stack = template().resource('Target', 'AWS::ApplicationAutoScaling::ScalableTarget', {
        ScalableDimension: 'ecs:service:DesiredCount',
        MinCapacity: 2,
        MaxCapacity: 4,
        ResourceId: { 'Fn::Join': ['', ['service/c/', { 'Fn::GetAtt': ['Service', 'Name'] }]] },
      });
      expect(findings(MultiAz, service({ DesiredCount: 1 }, stack))).toEqual(['Stack/Service: DesiredCount is 1']);
      expect(findings(MultiAz, service({}, stack))).toEqual([]);
    });
  });

  describe('scalable targets', () => {
    const ecsTarget = (properties: Record<string, unknown>) =>
      template().resource('Target', 'AWS::ApplicationAutoScaling::ScalableTarget', {
        ScalableDimension: 'ecs:service:DesiredCount',
        ResourceId: 'service/c/s',
        MaxCapacity: 4,
        MinCapacity: 2,
        ...properties,
      });

    test('MinCapacity as a string is read as a number', () => {
      expect(findings(MultiAz, ecsTarget({ MinCapacity: '1' }))).toEqual(['Stack/Target: MinCapacity is "1"']);
      expect(findings(MultiAz, ecsTarget({ MinCapacity: '2' }))).toEqual([]);
    });

    test('a scheduled action or its ScalableTargetAction that is not a literal object fails closed', () => {
      const notLiteral = {
        message:
          'ScheduledActions[0] is not a literal (it is not a literal object); the value must be a literal so the gate can prove it at synth time',
        fix: 'write each scheduled action (and its ScalableTargetAction) as a literal object',
      };
      const action = (ScalableTargetAction: unknown) =>
        violationsOf(MultiAz, ecsTarget({ ScheduledActions: [{ Schedule: 'x', ScalableTargetAction }] }));
      expect(action({ 'Fn::If': ['Big', { MinCapacity: 2 }, { MinCapacity: 1 }] })).toEqual([expect.objectContaining(notLiteral)]);
      expect(action({ MinCapacity: 2 })).toEqual([]);
      expect(action({ MaxCapacity: 8 })).toEqual([]);
      expect(action(undefined)).toEqual([]);
    });
  });

  test('memberOf expressions that pin one AZ: "in" a list of one, or "==" beside other "and" clauses', () => {
    const placed = (Expression: unknown) => findings(MultiAz, service({ DesiredCount: 2, PlacementConstraints: [{ Type: 'memberOf', Expression }] }));
    expect(placed('attribute:ecs.availability-zone in [eu-west-1b]')).toEqual([
      'Stack/Service: PlacementConstraints[0] (memberOf attribute:ecs.availability-zone in [eu-west-1b]) places every task in the single Availability Zone eu-west-1b',
    ]);
    expect(placed('attribute:ecs.instance-type =~ t3.* and attribute:ecs.availability-zone==eu-west-1a')).toEqual([
      expect.stringContaining('places every task in the single Availability Zone eu-west-1a'),
    ]);
    expect(findings(MultiAz, service({ DesiredCount: 2, PlacementConstraints: [{ Type: 'distinctInstance' }] }))).toEqual([]);
  });

  test('a resource type the rule does not judge has no violations', () => {
    expect(checkOne(MultiAz, 'AWS::S3::Bucket', {})).toEqual([]);
  });
});
