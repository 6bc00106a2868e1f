/**
 * Reviewed waivers of the controls that are not mandated (CONTROLS.md, Waivers):
 *
 *   waive(auroraCluster, 'SFX-RDS-TLS', { reason: 'legacy client, replaced by 2027-03 (SEC-123)', expires: '2027-03-31' });
 *
 * A waiver covers the construct and everything beneath it, until the end of its expiry day (UTC).
 * It is checked at the call: a mandated control, an unknown id, an empty reason or a malformed
 * date throws there, naming what is wrong.
 */
import { IConstruct } from 'constructs';
import { ALL_RULES } from '../rules';

export interface WaiverOptions {
  /** Why the violation is accepted, and until when it will be fixed (a ticket). Required, non-empty. */
  readonly reason: string;
  /** Last day the waiver applies, `YYYY-MM-DD` (UTC). Required. */
  readonly expires: string;
}

/** One waiver as declared. */
export interface Waiver {
  readonly ruleId: string;
  /** Construct path of the scope the waiver was given on. */
  readonly path: string;
  readonly reason: string;
  readonly expires: string;
}

/** What became of one waiver in one gate run. */
export interface WaiverOutcome extends Waiver {
  /** `applied`: it waived at least one violation; `expired`: past its date, the violations fail; `unused`: matched nothing. */
  readonly status: 'applied' | 'expired' | 'unused';
  /** Construct paths of the violations it matched. */
  readonly matched: readonly string[];
}

const waiversByScope = new WeakMap<IConstruct, Waiver[]>();

/** Year, month and day; unanchored, since `isCalendarDate` compares the whole text with the date it names. */
const DATE = /(\d{4})-(\d{2})-(\d{2})/;

export class WaiverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WaiverError';
  }
}

/** Waives `ruleId` for `scope` and every construct beneath it, with a reason and an expiry date. */
export function waive(scope: IConstruct, ruleId: string, options: WaiverOptions): void {
  const at = `waive(${scope.node.path || 'the app'}, '${ruleId}')`;
  const rule = ALL_RULES.find((r) => r.id === ruleId);
  if (!rule) {
    throw new WaiverError(
      `${at}: no SFX rule has the id '${ruleId}'; known ids: ${ALL_RULES.filter((r) => !r.mandated)
        .map((r) => r.id)
        .join(', ')} (mandated: ${ALL_RULES.filter((r) => r.mandated)
        .map((r) => r.id)
        .join(', ')})`,
    );
  }
  if (rule.mandated) {
    throw new WaiverError(`${at}: ${ruleId} is a mandated control and cannot be waived; fix the violation instead`);
  }
  const reason = typeof options?.reason === 'string' ? options.reason.trim() : '';
  if (reason === '') throw new WaiverError(`${at}: a reason is required (why it is accepted, and the ticket that removes it)`);
  // options is given here: a missing one failed the reason check above.
  const expires = options.expires;
  if (!isCalendarDate(String(expires))) {
    throw new WaiverError(`${at}: expires must be a date written YYYY-MM-DD, got ${JSON.stringify(expires)}`);
  }
  const list = waiversByScope.get(scope) ?? [];
  list.push({ ruleId, path: scope.node.path, reason, expires });
  waiversByScope.set(scope, list);
}

/** Waivers given on exactly `scope`. */
export function waiversOn(scope: IConstruct): readonly Waiver[] {
  return waiversByScope.get(scope) ?? [];
}

/** Whether the waiver still applies on `today` (`YYYY-MM-DD`, UTC): through the end of its expiry day. */
export function isExpired(waiver: Waiver, today: string = todayUtc()): boolean {
  return waiver.expires < today;
}

/** Today's date in UTC; `SFX_TODAY` (YYYY-MM-DD) overrides it, so that CI can check upcoming expiries. */
export function todayUtc(): string {
  const override = process.env.SFX_TODAY;
  if (override && isCalendarDate(override)) return override;
  return new Date().toISOString().slice(0, 10);
}

function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}
