/** One Aspect class per control, so teams can see and reuse the controls one by one. */
import {
  DataNotPublic,
  IamLeastPrivilege,
  MultiAz,
  RdsTls,
  RdsAtRest,
  RedisAtRest,
  RedisInTransit,
  Region,
  SecretsManager,
  TemplateVisible,
} from '../rules';
import { RuleAspect } from './rule-aspect';

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

/** SFX-SECRETS-MANAGER: credentials only through Secrets Manager. */
export class SecretsManagerAspect extends RuleAspect {
  constructor() {
    super(SecretsManager);
  }
}

/** SFX-RDS-TLS: PostgreSQL forces TLS. */
export class RdsTlsAspect extends RuleAspect {
  constructor() {
    super(RdsTls);
  }
}

/** SFX-DATA-NOT-PUBLIC: databases and caches unreachable from the internet. */
export class DataNotPublicAspect extends RuleAspect {
  constructor() {
    super(DataNotPublic);
  }
}

/** SFX-TEMPLATE-VISIBLE: no resources from templates or macros the gate cannot read. */
export class TemplateVisibleAspect extends RuleAspect {
  constructor() {
    super(TemplateVisible);
  }
}

/** A fresh instance of every control's aspect, mandated ones first. */
export function allControlAspects(): RuleAspect[] {
  return [
    new RedisAtRestAspect(),
    new RedisInTransitAspect(),
    new RdsAtRestAspect(),
    new MultiAzAspect(),
    new RegionAspect(),
    new IamLeastPrivilegeAspect(),
    new SecretsManagerAspect(),
    new RdsTlsAspect(),
    new DataNotPublicAspect(),
    new TemplateVisibleAspect(),
  ];
}

/** @deprecated Renamed so that the aspect carries its control's name; use {@link RedisAtRestAspect}. Removed in 1.0. */
export const RedisAtRestEncryptionAspect = RedisAtRestAspect;
/** @deprecated Use {@link RedisInTransitAspect}. Removed in 1.0. */
export const RedisInTransitEncryptionAspect = RedisInTransitAspect;
/** @deprecated Use {@link RdsAtRestAspect}. Removed in 1.0. */
export const RdsStorageEncryptionAspect = RdsAtRestAspect;
