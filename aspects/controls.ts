/** One Aspect class per control, so teams can see and reuse the controls one by one. */
import {
  DataNotPublic,
  IamLeastPrivilege,
  MultiAz,
  PostgresTls,
  RdsStorageEncryption,
  RedisAtRestEncryption,
  RedisInTransitEncryption,
  Region,
  SecretsManagerOnly,
  TemplateVisible,
} from '../rules';
import { RuleAspect } from './rule-aspect';

/** SFX-REDIS-AT-REST: Redis/Valkey replication groups encrypted at rest; no Redis CacheCluster. */
export class RedisAtRestEncryptionAspect extends RuleAspect {
  constructor() {
    super(RedisAtRestEncryption);
  }
}

/** SFX-REDIS-IN-TRANSIT: Redis/Valkey replication groups require TLS. */
export class RedisInTransitEncryptionAspect extends RuleAspect {
  constructor() {
    super(RedisInTransitEncryption);
  }
}

/** SFX-RDS-AT-REST: RDS instances and clusters encrypt storage. */
export class RdsStorageEncryptionAspect extends RuleAspect {
  constructor() {
    super(RdsStorageEncryption);
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
export class SecretsManagerOnlyAspect extends RuleAspect {
  constructor() {
    super(SecretsManagerOnly);
  }
}

/** SFX-RDS-TLS: PostgreSQL forces TLS. */
export class PostgresTlsAspect extends RuleAspect {
  constructor() {
    super(PostgresTls);
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
    new RedisAtRestEncryptionAspect(),
    new RedisInTransitEncryptionAspect(),
    new RdsStorageEncryptionAspect(),
    new MultiAzAspect(),
    new RegionAspect(),
    new IamLeastPrivilegeAspect(),
    new SecretsManagerOnlyAspect(),
    new PostgresTlsAspect(),
    new DataNotPublicAspect(),
    new TemplateVisibleAspect(),
  ];
}
