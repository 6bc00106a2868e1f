/** Evaluates calls against a role's policies with @cloud-copilot/iam-simulate and explains every denial. */
import { Simulation, runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import { ContextValues } from './launch-calls';

export interface PolicyDocument {
  readonly Statement: readonly Record<string, unknown>[];
}
export interface NamedPolicy {
  readonly name: string;
  readonly document: PolicyDocument;
}

export interface SimulatedCall {
  readonly action: string;
  readonly resource: string;
  readonly context: ContextValues;
  /** The resource's own policy where the service requires it (a KMS key policy). */
  readonly resourcePolicy?: PolicyDocument;
}

export interface Verdict {
  readonly allowed: boolean;
  /** Sids (or policy#index) of the statements that allowed the call. */
  readonly allowedBy: string[];
  /** For a denial: each statement naming the action, and why it did not apply. */
  readonly nearMisses: string[];
}

const PRINCIPAL = 'arn:aws:iam::123456789012:role/proof-subject';

/** One evaluation; identical requests are evaluated once per policy set. */
export class PolicySimulator {
  private readonly cache = new Map<string, Promise<Verdict>>();
  public evaluations = 0;

  constructor(
    private readonly policies: readonly NamedPolicy[],
    private readonly account: string,
  ) {}

  evaluate(call: SimulatedCall): Promise<Verdict> {
    const key = JSON.stringify([call.action, call.resource, call.context, call.resourcePolicy ?? null]);
    if (!this.cache.has(key)) this.cache.set(key, this.run(call));
    return this.cache.get(key)!;
  }

  private async run(call: SimulatedCall): Promise<Verdict> {
    this.evaluations += 1;
    const identityPolicies = this.policies.map((p) => ({ name: p.name, policy: { Version: '2012-10-17', Statement: p.document.Statement } }));
    const simulation: Simulation = {
      request: {
        principal: PRINCIPAL.replace('123456789012', this.account),
        action: call.action,
        resource: { resource: call.resource, accountId: this.account },
        contextVariables: call.context,
      },
      identityPolicies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(call.resourcePolicy ? { resourcePolicy: { Version: '2012-10-17', Statement: call.resourcePolicy.Statement } } : {}),
    };
    const result = await runSimulation(simulation, {});
    if (result.resultType === 'error' && ['multiple.resource.types', 'no.resource.types'].includes(result.errors.message)) {
      // iam-data lets the ARN match two resource types (backup's recoveryPoint format matches any ARN) or none (a stand-in ARN):
      // evaluate without the validation step; the policy logic is the same, only the explanation is lost.
      const allowed = runUnsafeSimulation(simulation, {}) === 'Allowed';
      return {
        allowed,
        allowedBy: allowed ? ['(unexplained: ambiguous resource type)'] : [],
        nearMisses: allowed ? [] : ['(unexplained: ambiguous resource type in iam-data)'],
      };
    }
    if (result.resultType === 'error')
      throw new Error(`iam-simulate refused ${call.action} on ${call.resource}: ${result.errors.message} ${JSON.stringify(result.errors)}`);
    const analysis = result.resultType === 'single' ? result.result.analysis : result.results[0]?.analysis;
    const identity = analysis?.identityAnalysis;
    const name = (policyId: string | undefined, statement: { sid(): string | undefined; index(): number }) =>
      `${policyId ?? '?'}/${statement.sid() ?? `#${statement.index()}`}`;
    const allowedBy = (identity?.allowStatements ?? []).map((s) => name(s.policyId, s.statement));
    const nearMisses = (identity?.unmatchedStatements ?? [])
      .filter((s) => s.actionMatch)
      .map((s) => {
        const why: string[] = [];
        if (!s.resourceMatch) why.push(`resource ${JSON.stringify((s.statement.toJSON() as { Resource?: unknown }).Resource)} does not match`);
        if (s.conditionMatch !== 'Match') {
          const conditions = (s.explain.conditions ?? []) as {
            matches: boolean;
            operator: string;
            conditionKeyValue: string;
            failedBecauseMissing?: boolean;
          }[];
          why.push(
            ...conditions
              .filter((c) => !c.matches)
              .map(
                (c) => `condition ${c.operator} ${c.conditionKeyValue} ${c.failedBecauseMissing ? 'is absent from the request' : 'does not match'}`,
              ),
          );
        }
        return `${name(s.policyId, s.statement)}: ${why.join('; ') || 'does not apply'}`;
      });
    return { allowed: result.overallResult === 'Allowed', allowedBy, nearMisses };
  }
}

/** What a denial says: enough to fix it without rerunning anything. */
export function describeDenial(subject: string, call: SimulatedCall & { handler?: string }, verdict: Verdict): string {
  return [
    `DENIED ${call.action} for ${subject}`,
    call.handler ? `  handler:  ${call.handler}` : undefined,
    `  resource: ${call.resource}`,
    `  context:  ${JSON.stringify(call.context)}`,
    verdict.nearMisses.length > 0
      ? `  meant to be allowed by: ${verdict.nearMisses.join(' | ')}`
      : `  no statement names ${call.action}: add it (scoped like its neighbours) or judge the call unused in lib/proof/data/unused-calls.ts`,
  ]
    .filter((l) => l !== undefined)
    .join('\n');
}
