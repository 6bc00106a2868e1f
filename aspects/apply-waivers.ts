/** Sorts the gate's violations into those that fail and those a (current) waiver accepts. */
import { IConstruct } from 'constructs';
import { GateViolation } from './violation-error';
import { Waiver, WaiverOutcome, isExpired, todayUtc, waiversOn } from './waivers';

export interface WaivedViolation extends GateViolation {
  readonly waiver: Waiver;
}

export interface WaiverSorting {
  /** Violations that fail synthesis (with an expired waiver's date in the message). */
  readonly violations: GateViolation[];
  readonly waived: WaivedViolation[];
  readonly waivers: WaiverOutcome[];
  /** Each violation found as it stands after waivers: itself, with an expiry note, or `undefined` when waived. */
  readonly outcomeOf: ReadonlyMap<GateViolation, GateViolation | undefined>;
}

/**
 * `constructs` are the constructs the gate covers; a violation's scopes are found by its path
 * (a resource without a construct of its own falls back to the nearest construct above it).
 */
export function applyWaivers(found: readonly GateViolation[], constructs: readonly IConstruct[], today: string = todayUtc()): WaiverSorting {
  const declared = constructs.flatMap((construct) => waiversOn(construct));
  const outcomeOf = new Map<GateViolation, GateViolation | undefined>();
  const byPath = new Map(constructs.map((c) => [c.node.path, c]));
  const covered = new Set(constructs);
  const matched = new Map<Waiver, string[]>(declared.map((w) => [w, []]));
  const violations: GateViolation[] = [];
  const waived: WaivedViolation[] = [];
  for (const violation of found) {
    // Nearest scope first: a waiver on the resource wins over one on its stack.
    const candidates = scopesOf(violation.path, byPath, covered)
      .flatMap((scope) => waiversOn(scope))
      .filter((w) => w.ruleId === violation.ruleId);
    // Every candidate is declared: it sits on a covered construct.
    for (const w of candidates) matched.get(w)!.push(violation.path);
    const current = candidates.find((w) => !isExpired(w, today));
    if (current) {
      waived.push({ ...violation, waiver: current });
      outcomeOf.set(violation, undefined);
    } else if (candidates.length > 0) {
      const expired = candidates[0];
      const failing = {
        ...violation,
        message:
          `${violation.message.replace(/[.!?]$/, '')} (the waiver given on ${expired.path || 'the app'} expired on ${expired.expires}: ` +
          `${expired.reason})`,
      };
      violations.push(failing);
      outcomeOf.set(violation, failing);
    } else {
      violations.push(violation);
      outcomeOf.set(violation, violation);
    }
  }
  const waivers = declared.map((w): WaiverOutcome => {
    const paths = matched.get(w)!;
    const status = paths.length === 0 ? 'unused' : isExpired(w, today) ? 'expired' : 'applied';
    return { ...w, status, matched: [...new Set(paths)] };
  });
  return { violations, waived, waivers, outcomeOf };
}

/**
 * The covered constructs from the violation's own up to the root, nearest first (a scope the gate
 * does not cover, such as one above its root, contributes no waiver).
 */
function scopesOf(path: string, byPath: ReadonlyMap<string, IConstruct>, covered: ReadonlySet<IConstruct>): IConstruct[] {
  let start = path;
  while (!byPath.has(start) && start.includes('/')) start = start.slice(0, start.lastIndexOf('/'));
  const construct = byPath.get(start) ?? byPath.get('');
  // Stryker disable next-line ArrayDeclaration: the filter keeps covered constructs only, so any stand-in list for no construct yields none
  return (construct?.node.scopes ?? []).filter((scope) => covered.has(scope)).reverse();
}
