/** aspects/controls.ts: one aspect per registered control, and the public Aspect classes of the mandated ones. */
import {
  allControlAspects,
  IamLeastPrivilegeAspect,
  MultiAzAspect,
  RdsAtRestAspect,
  RdsStorageEncryptionAspect,
  RedisAtRestAspect,
  RedisAtRestEncryptionAspect,
  RedisInTransitAspect,
  RedisInTransitEncryptionAspect,
  RegionAspect,
} from '../../aspects/controls';
import { RuleAspect } from '../../aspects/rule-aspect';
import { ALL_RULES } from '../../rules';

describe('the control aspects', () => {
  test('a fresh aspect for every registered rule, in the registry order (mandated first)', () => {
    const aspects = allControlAspects();
    expect(aspects.map((a) => a.rule.id)).toEqual([
      'SFX-REDIS-AT-REST',
      'SFX-REDIS-IN-TRANSIT',
      'SFX-RDS-AT-REST',
      'SFX-MULTI-AZ',
      'SFX-REGION',
      'SFX-IAM-LEAST-PRIVILEGE',
      'SFX-SECRETS-MANAGER',
      'SFX-RDS-TLS',
      'SFX-DATA-NOT-PUBLIC',
      'SFX-TEMPLATE-VISIBLE',
    ]);
    expect(aspects.map((a) => a.rule)).toEqual(ALL_RULES);
    expect(aspects.every((a) => a instanceof RuleAspect)).toBe(true);
    expect(allControlAspects()[0]).not.toBe(aspects[0]);
  });

  test('each mandated control has a named Aspect class judging that control', () => {
    expect(
      [RedisAtRestAspect, RedisInTransitAspect, RdsAtRestAspect, MultiAzAspect, RegionAspect, IamLeastPrivilegeAspect].map((Aspect) => {
        const aspect = new Aspect();
        return [aspect instanceof RuleAspect, aspect.rule.id, aspect.rule.mandated];
      }),
    ).toEqual([
      [true, 'SFX-REDIS-AT-REST', true],
      [true, 'SFX-REDIS-IN-TRANSIT', true],
      [true, 'SFX-RDS-AT-REST', true],
      [true, 'SFX-MULTI-AZ', true],
      [true, 'SFX-REGION', true],
      [true, 'SFX-IAM-LEAST-PRIVILEGE', true],
    ]);
  });

  test('the deprecated names are the renamed classes', () => {
    expect(RedisAtRestEncryptionAspect).toBe(RedisAtRestAspect);
    expect(RedisInTransitEncryptionAspect).toBe(RedisInTransitAspect);
    expect(RdsStorageEncryptionAspect).toBe(RdsAtRestAspect);
  });
});
