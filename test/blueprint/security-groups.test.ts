import { synthesizeBlueprint } from './blueprint';

const { stack, template, logicalId } = synthesizeBlueprint();
const { network, data, compute, api } = stack.contentApi;

/** Readable names for the security groups of the stack, keyed by logical id. */
const sgNames: Record<string, string> = {
  [logicalId(network.endpointSecurityGroup)]: 'endpoints',
  [logicalId(data.database.securityGroup)]: 'database',
  [logicalId(data.cache.securityGroup)]: 'cache',
  [logicalId(compute.taskSecurityGroup)]: 'tasks',
  [logicalId(compute.loadBalancerSecurityGroup)]: 'alb',
  [logicalId(api.vpcLinkSecurityGroup)]: 'vpclink',
};
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;

function sgName(value: unknown): string {
  const id = (value as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return sgNames[id] ?? `unknown:${id}`;
}
/** Ports must be literals: a rule whose port is an intrinsic cannot be checked at synth time. */
function port(value: unknown): string {
  return typeof value === 'number' ? String(value) : `not-a-literal:${JSON.stringify(value)}`;
}

/** Every rule as "target <- source:port" (ingress) or "source -> destination:port" (egress), inline or standalone. */
function rules(direction: 'ingress' | 'egress'): string[] {
  const found: string[] = [];
  const standaloneType = direction === 'ingress' ? 'AWS::EC2::SecurityGroupIngress' : 'AWS::EC2::SecurityGroupEgress';
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type === standaloneType) {
      const p = resource.Properties;
      const peer = p.SourceSecurityGroupId ?? p.DestinationSecurityGroupId;
      const other = peer ? sgName(peer) : String(p.CidrIp ?? p.CidrIpv6);
      found.push(`${sgName(p.GroupId)} ${direction === 'ingress' ? '<-' : '->'} ${other}:${p.IpProtocol}/${port(p.FromPort)}-${port(p.ToPort)}`);
    }
    if (resource.Type === 'AWS::EC2::SecurityGroup') {
      const inline = (resource.Properties[direction === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress'] ?? []) as Record<
        string,
        unknown
      >[];
      for (const r of inline) {
        const peer = r.SourceSecurityGroupId ?? r.DestinationSecurityGroupId;
        const other = peer ? sgName(peer) : String(r.CidrIp ?? r.CidrIpv6);
        found.push(`${sgNames[id] ?? id} ${direction === 'ingress' ? '<-' : '->'} ${other}:${r.IpProtocol}/${r.FromPort}-${r.ToPort}`);
      }
    }
  }
  return found.sort();
}

describe('security groups', () => {
  test('the stack has exactly the six expected security groups', () => {
    expect(Object.keys(template.findResources('AWS::EC2::SecurityGroup')).sort()).toEqual(Object.keys(sgNames).sort());
  });

  test('ingress: only the flows the API needs, no CIDR sources at all', () => {
    expect(rules('ingress')).toEqual([
      'alb <- vpclink:tcp/80-80',
      'cache <- tasks:tcp/6379-6379',
      'database <- tasks:tcp/5432-5432',
      'endpoints <- tasks:tcp/443-443',
      'tasks <- alb:tcp/8080-8080',
    ]);
  });

  test('egress: explicit per tier; only the tasks reach the internet, on 443 for the image pull', () => {
    expect(rules('egress')).toEqual([
      'alb -> 255.255.255.255/32:icmp/252-86', // the match-nothing placeholder: keeps EC2's default allow-all away
      'alb -> tasks:tcp/8080-8080',
      'cache -> 255.255.255.255/32:icmp/252-86',
      'database -> 255.255.255.255/32:icmp/252-86',
      'endpoints -> 255.255.255.255/32:icmp/252-86',
      'tasks -> 0.0.0.0/0:tcp/443-443',
      'tasks -> cache:tcp/6379-6379',
      'tasks -> database:tcp/5432-5432',
      'tasks -> endpoints:tcp/443-443',
      'vpclink -> 255.255.255.255/32:icmp/252-86',
      'vpclink -> alb:tcp/80-80',
    ]);
  });

  test('nothing anywhere accepts traffic from 0.0.0.0/0 or ::/0', () => {
    expect(JSON.stringify(template.findResources('AWS::EC2::SecurityGroupIngress'))).not.toMatch(/0\.0\.0\.0\/0|::\/0/);
    for (const sg of Object.values(template.findResources('AWS::EC2::SecurityGroup'))) {
      expect(JSON.stringify(sg.Properties.SecurityGroupIngress ?? [])).not.toMatch(/0\.0\.0\.0\/0|::\/0/);
    }
  });
});

describe("no security group keeps EC2's default allow-all egress", () => {
  test('every group has inline egress (a real rule or the match-nothing placeholder), so EC2 adds no 0.0.0.0/0 rule of its own', () => {
    const groups = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::EC2::SecurityGroup');
    expect(groups.map(([id]) => sgNames[id]).sort()).toEqual(['alb', 'cache', 'database', 'endpoints', 'tasks', 'vpclink']);
    for (const [id, group] of groups) {
      const egress = group.Properties.SecurityGroupEgress as { CidrIp?: string; Description?: string }[] | undefined;
      expect({ group: sgNames[id], inlineEgress: (egress ?? []).length > 0 }).toEqual({ group: sgNames[id], inlineEgress: true });
      const open = (egress ?? []).filter((rule) => rule.CidrIp === '0.0.0.0/0').map((rule) => rule.Description);
      expect({ group: sgNames[id], open }).toEqual({
        group: sgNames[id],
        open: sgNames[id] === 'tasks' ? ['HTTPS to public image registries via NAT'] : [],
      });
    }
  });
});
