/**
 * The control aspects, derived from the rule registry (rules/index.ts `ALL_RULES`): registering a
 * rule is all it takes for `applyCompliance` to judge it. Only the mandated controls have named
 * Aspect classes, because CONTROLS.md makes them public API (a team can add them one by one).
 */
import { ALL_RULES, IamLeastPrivilege, MultiAz, RdsAtRest, RedisAtRest, RedisInTransit, Region } from '../rules';
import { RuleAspect } from './rule-aspect';

/** A fresh aspect for every registered control, in the registry's order (mandated ones first). */
export function allControlAspects(): RuleAspect[] {
  return ALL_RULES.map((rule) => new RuleAspect(rule));
}

/** SFX-REDIS-AT-REST: Redis/Valkey replication groups encrypted at rest; no Redis CacheCluster. */
export class RedisAtRestAspect extends RuleAspect {
  constructor() {
    super(RedisAtRest);
  }
}

/** SFX-REDIS-IN-TRANSIT: Redis/Valkey replication groups require TLS. */
export class RedisInTransitAspect extends RuleAspect {
  constructor() {
    super(RedisInTransit);
  }
}

/** SFX-RDS-AT-REST: RDS instances and clusters encrypt storage. */
export class RdsAtRestAspect extends RuleAspect {
  constructor() {
    super(RdsAtRest);
  }
}

/** SFX-MULTI-AZ: RDS, Redis, VPC subnets and ECS services span at least two AZs. */
export class MultiAzAspect extends RuleAspect {
  constructor() {
    super(MultiAz);
  }
}

/** SFX-REGION: every stack deploys to eu-west-1. */
export class RegionAspect extends RuleAspect {
  constructor() {
    super(Region);
  }
}

/** SFX-IAM-LEAST-PRIVILEGE: no wildcard grants, no administrator policies. */
export class IamLeastPrivilegeAspect extends RuleAspect {
  constructor() {
    super(IamLeastPrivilege);
  }
}

/** @deprecated Renamed so that the aspect carries its control's name; use {@link RedisAtRestAspect}. Removed in 1.0. */
export const RedisAtRestEncryptionAspect = RedisAtRestAspect;
/** @deprecated Use {@link RedisInTransitAspect}. Removed in 1.0. */
export const RedisInTransitEncryptionAspect = RedisInTransitAspect;
/** @deprecated Use {@link RdsAtRestAspect}. Removed in 1.0. */
export const RdsStorageEncryptionAspect = RdsAtRestAspect;
