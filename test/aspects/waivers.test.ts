/** Waivers (aspects/waivers.ts, apply-waivers.ts) and the violation message (violation-error.ts), on bare constructs: no CDK app. */
import { Construct } from 'constructs';
import { applyWaivers } from '../../aspects/apply-waivers';
import { ComplianceViolationError, formatViolation, GateViolation } from '../../aspects/violation-error';
import { isExpired, todayUtc, waive, WaiverError, waiversOn } from '../../aspects/waivers';
import { ALL_RULES } from '../../rules';

class Root extends Construct {
  constructor() {
    super(undefined as unknown as Construct, '');
  }
}

function tree() {
  const root = new Root();
  const stack = new Construct(root, 'Stack');
  const db = new Construct(stack, 'Db');
  return { root, stack, db, constructs: [root, stack, db] };
}

const violation = (path: string, ruleId = 'SFX-RDS-TLS'): GateViolation => ({
  ruleId,
  path,
  stackPath: 'Stack',
  resourceType: 'AWS::RDS::DBInstance',
  message: 'rds.force_ssl is 0.',
  fix: 'set it to 1',
});
const OK = { reason: 'legacy client (SEC-1)', expires: '2027-03-31' };

describe('waive', () => {
  test('records a waiver on the scope, with the reason trimmed', () => {
    const { db } = tree();
    waive(db, 'SFX-RDS-TLS', { reason: '  legacy (SEC-1) ', expires: '2027-03-31' });
    expect(waiversOn(db)).toEqual([{ ruleId: 'SFX-RDS-TLS', path: 'Stack/Db', reason: 'legacy (SEC-1)', expires: '2027-03-31' }]);
  });

  test('refuses mandated controls, unknown ids, empty reasons and malformed dates, naming the call', () => {
    const { db, root } = tree();
    expect(() => waive(db, 'SFX-RDS-AT-REST', OK)).toThrow(
      new WaiverError("waive(Stack/Db, 'SFX-RDS-AT-REST'): SFX-RDS-AT-REST is a mandated control and cannot be waived; fix the violation instead"),
    );
    expect(() => waive(root, 'SFX-NOPE', OK)).toThrow(
      /^waive\(the app, 'SFX-NOPE'\): no SFX rule has the id 'SFX-NOPE'; known ids: .*SFX-RDS-TLS.* \(mandated: .*SFX-RDS-AT-REST/,
    );
    expect(() => waive(db, 'SFX-RDS-TLS', { ...OK, reason: '  ' })).toThrow(
      "waive(Stack/Db, 'SFX-RDS-TLS'): a reason is required (why it is accepted, and the ticket that removes it)",
    );
    expect(() => waive(db, 'SFX-RDS-TLS', { ...OK, expires: '2027-02-30' })).toThrow(
      `waive(Stack/Db, 'SFX-RDS-TLS'): expires must be a date written YYYY-MM-DD, got "2027-02-30"`,
    );
    expect(() => waive(db, 'SFX-RDS-TLS', { ...OK, expires: '27-02-03' })).toThrow(/expires must be a date/);
    expect(() => waive(db, 'SFX-RDS-TLS', { reason: 'x' } as never)).toThrow('got undefined');
    expect(() => new WaiverError('x')).not.toThrow();
    expect(new WaiverError('x').name).toBe('WaiverError');
    expect(waiversOn(db)).toEqual([]);
  });

  test('an unknown id lists the waivable ids, then the mandated ones; missing or non-text options are refused', () => {
    const { db, root } = tree();
    const ids = (mandated: boolean) =>
      ALL_RULES.filter((r) => r.mandated === mandated)
        .map((r) => r.id)
        .join(', ');
    expect(ids(false)).toContain('SFX-RDS-TLS');
    expect(ids(true)).toContain('SFX-RDS-AT-REST');
    expect(() => waive(root, 'SFX-NOPE', OK)).toThrow(
      new WaiverError(`waive(the app, 'SFX-NOPE'): no SFX rule has the id 'SFX-NOPE'; known ids: ${ids(false)} (mandated: ${ids(true)})`),
    );
    const reasonRequired = "waive(Stack/Db, 'SFX-RDS-TLS'): a reason is required (why it is accepted, and the ticket that removes it)";
    expect(() => waive(db, 'SFX-RDS-TLS', undefined as never)).toThrow(new WaiverError(reasonRequired));
    expect(() => waive(db, 'SFX-RDS-TLS', { ...OK, reason: 5 } as never)).toThrow(new WaiverError(reasonRequired));
    expect(() => waive(db, 'SFX-RDS-TLS', { ...OK, expires: 20270331 } as never)).toThrow(
      new WaiverError("waive(Stack/Db, 'SFX-RDS-TLS'): expires must be a date written YYYY-MM-DD, got 20270331"),
    );
    expect(() => waive(db, 'SFX-RDS-TLS', { ...OK, expires: '2027-3-31' })).toThrow(/got "2027-3-31"$/);
    expect(() => waive(db, 'SFX-RDS-TLS', { ...OK, expires: ' 2027-03-31' })).toThrow(/got " 2027-03-31"$/);
    expect(() => waive(db, 'SFX-RDS-TLS', { ...OK, expires: '2027-03-31 ' })).toThrow(/got "2027-03-31 "$/);
    expect(waiversOn(db)).toEqual([]);
    // Waivers add up on one scope.
    waive(db, 'SFX-RDS-TLS', OK);
    waive(db, 'SFX-DATA-NOT-PUBLIC', { ...OK, expires: '2028-02-29' });
    expect(waiversOn(db).map((w) => [w.ruleId, w.expires])).toEqual([
      ['SFX-RDS-TLS', '2027-03-31'],
      ['SFX-DATA-NOT-PUBLIC', '2028-02-29'],
    ]);
  });

  test('a waiver applies through the end of its expiry day; SFX_TODAY overrides today when it is a date', () => {
    const w = { ruleId: 'SFX-RDS-TLS', path: '', reason: 'r', expires: '2027-03-31' };
    expect(isExpired(w, '2027-03-31')).toBe(false);
    expect(isExpired(w, '2027-04-01')).toBe(true);
    const saved = process.env.SFX_TODAY;
    try {
      process.env.SFX_TODAY = '2030-01-02';
      expect(todayUtc()).toBe('2030-01-02');
      process.env.SFX_TODAY = 'tomorrow';
      expect(todayUtc()).toBe(new Date().toISOString().slice(0, 10));
    } finally {
      if (saved === undefined) delete process.env.SFX_TODAY;
      else process.env.SFX_TODAY = saved;
    }
  });
});

describe('applyWaivers', () => {
  test('without waivers every violation fails as found', () => {
    const { constructs } = tree();
    const v = violation('Stack/Db');
    const sorted = applyWaivers([v], constructs, '2027-01-01');
    expect(sorted).toEqual({ violations: [v], waived: [], waivers: [], outcomeOf: new Map([[v, v]]) });
  });

  test('a current waiver on the resource or an enclosing scope accepts violations of its rule beneath it, nearest first', () => {
    const { stack, db, constructs } = tree();
    waive(stack, 'SFX-RDS-TLS', { reason: 'stack-wide', expires: '2027-12-31' });
    waive(db, 'SFX-RDS-TLS', { reason: 'on the db', expires: '2027-06-30' });
    const tls = violation('Stack/Db/Resource');
    const other = violation('Stack/Db', 'SFX-MULTI-AZ');
    const sorted = applyWaivers([tls, other], constructs, '2027-01-01');
    expect(sorted.violations).toEqual([other]);
    expect(sorted.waived).toEqual([{ ...tls, waiver: expect.objectContaining({ reason: 'on the db' }) }]);
    expect(sorted.outcomeOf.get(tls)).toBeUndefined();
    expect(sorted.outcomeOf.get(other)).toBe(other);
    expect(sorted.waivers.map((w) => [w.path, w.status, w.matched])).toEqual([
      ['Stack', 'applied', ['Stack/Db/Resource']],
      ['Stack/Db', 'applied', ['Stack/Db/Resource']],
    ]);
  });

  test('an expired waiver fails the violation with its date and reason; an unmatched one is unused', () => {
    const { root, db, constructs } = tree();
    waive(db, 'SFX-RDS-TLS', { reason: 'legacy', expires: '2026-01-31' });
    waive(root, 'SFX-DATA-NOT-PUBLIC', { reason: 'dev', expires: '2030-01-01' });
    const tls = violation('Stack/Db');
    const sorted = applyWaivers([tls], constructs, '2026-02-01');
    const failing = { ...tls, message: 'rds.force_ssl is 0 (the waiver given on Stack/Db expired on 2026-01-31: legacy)' };
    expect(sorted.violations).toEqual([failing]);
    expect(sorted.outcomeOf.get(tls)).toEqual(failing);
    expect(sorted.waivers.map((w) => [w.path, w.status, w.matched])).toEqual([
      ['', 'unused', []],
      ['Stack/Db', 'expired', ['Stack/Db']],
    ]);
  });

  test('a waiver on the app reads "the app" when expired; a violation outside every construct falls back to the root', () => {
    const { root, constructs } = tree();
    waive(root, 'SFX-RDS-TLS', { reason: 'r', expires: '2026-01-31' });
    const sorted = applyWaivers([violation('Elsewhere/X')], constructs, '2026-02-01');
    expect(sorted.violations[0].message).toBe('rds.force_ssl is 0 (the waiver given on the app expired on 2026-01-31: r)');
  });
});

describe('applyWaivers, several waivers on one violation', () => {
  test('an expired waiver on the resource gives way to a current one on its stack; each waiver lists a matched path once', () => {
    const { stack, db, constructs } = tree();
    waive(db, 'SFX-RDS-TLS', { reason: 'old', expires: '2026-01-31' });
    waive(stack, 'SFX-RDS-TLS', { reason: 'stack-wide', expires: '2027-12-31' });
    const first = violation('Stack/Db');
    const second = { ...violation('Stack/Db'), message: 'another finding' };
    const sorted = applyWaivers([first, second], constructs, '2026-02-01');
    expect(sorted.violations).toEqual([]);
    expect(sorted.waived.map((v) => [v.message, v.waiver.reason])).toEqual([
      ['rds.force_ssl is 0.', 'stack-wide'],
      ['another finding', 'stack-wide'],
    ]);
    expect(sorted.waivers.map((w) => [w.path, w.status, w.matched])).toEqual([
      ['Stack', 'applied', ['Stack/Db']],
      ['Stack/Db', 'expired', ['Stack/Db']],
    ]);
  });

  test('all expired: the nearest one is named, the message closed by ! or ? loses it', () => {
    const { stack, db, constructs } = tree();
    waive(stack, 'SFX-RDS-TLS', { reason: 'stack-wide', expires: '2025-12-31' });
    waive(db, 'SFX-RDS-TLS', { reason: 'on the db', expires: '2026-01-31' });
    const sorted = applyWaivers([{ ...violation('Stack/Db'), message: 'TLS is off!' }], constructs, '2026-02-01');
    expect(sorted.violations.map((v) => v.message)).toEqual(['TLS is off (the waiver given on Stack/Db expired on 2026-01-31: on the db)']);
    expect(sorted.waivers.map((w) => w.status)).toEqual(['expired', 'expired']);
  });

  test('without the root among the constructs, a violation outside every construct has no waiver', () => {
    const { stack, db } = tree();
    waive(stack, 'SFX-RDS-TLS', OK);
    const outside = violation('Elsewhere/X');
    const sorted = applyWaivers([outside], [stack, db], '2026-02-01');
    expect(sorted.violations).toEqual([outside]);
    expect(sorted.waivers.map((w) => [w.path, w.status])).toEqual([['Stack', 'unused']]);
  });

  test('a waiver on a scope the gate does not cover (the app above a gated stack) waives nothing', () => {
    const { root, stack, db } = tree();
    waive(root, 'SFX-RDS-TLS', OK);
    const tls = violation('Stack/Db');
    const sorted = applyWaivers([tls], [stack, db], '2026-02-01');
    expect(sorted.violations).toEqual([tls]);
    expect(sorted.waived).toEqual([]);
    expect(sorted.waivers).toEqual([]);
  });
});

describe('the violation message', () => {
  test('one line per violation, sentences closed, the count and root named', () => {
    const v = violation('Stack/Db');
    expect(formatViolation(v)).toBe('[SFX-RDS-TLS] Stack/Db: rds.force_ssl is 0. Fix: set it to 1.');
    expect(formatViolation({ ...v, message: 'why?', fix: 'now!' })).toBe('[SFX-RDS-TLS] Stack/Db: why? Fix: now!');
    const error = new ComplianceViolationError([v], 'App');
    expect(error.name).toBe('ComplianceViolationError');
    expect(error.violations).toEqual([v]);
    expect(error.message).toBe(
      'SFX compliance gate: 1 violation(s) in App; synthesis stopped and the cloud assembly holds no template.\n' +
        '  [SFX-RDS-TLS] Stack/Db: rds.force_ssl is 0. Fix: set it to 1.',
    );
  });
});
