/** The error that stops synthesis, listing every violation in one message. */

export interface GateViolation {
  readonly ruleId: string;
  /** Construct path of the offending resource or stack, e.g. `Api/Cache/ReplicationGroup`. */
  readonly path: string;
  /** CloudFormation logical id, when the subject is a resource. */
  readonly logicalId?: string;
  /** Construct path of the stack whose template holds the resource. */
  readonly stackPath: string;
  readonly resourceType: string;
  readonly message: string;
  readonly fix: string;
  /**
   * Findings that follow from this one and are fixed with it (for a stack in a foreign region: the
   * values CDK derived from that region), each with its construct path and what it says.
   */
  readonly derived?: readonly { readonly path: string; readonly message: string }[];
}

/** One line per violation: `[SFX-…] <construct path>: <what is wrong>. Fix: <how>`. */
export function formatViolation(violation: GateViolation): string {
  return `[${violation.ruleId}] ${violation.path}: ${sentence(violation.message)} Fix: ${sentence(violation.fix)}`;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export class ComplianceViolationError extends Error {
  constructor(
    public readonly violations: readonly GateViolation[],
    synthesisRoot: string,
  ) {
    super(
      [
        `SFX compliance gate: ${violations.length} violation(s) in ${synthesisRoot}; synthesis stopped and the cloud assembly holds no template.`,
        ...violations.map((v) => `  ${formatViolation(v)}`),
      ].join('\n'),
    );
    this.name = 'ComplianceViolationError';
  }
}
