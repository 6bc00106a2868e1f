/**
 * The SFX control catalogue. Order is the order of the reports: the six mandated controls of
 * CONTROLS.md first, then the controls the blueprint adds.
 */
import { ComplianceRule } from './core/rule';
import { DataNotPublic } from './data-not-public';
import { IamLeastPrivilege } from './iam-least-privilege';
import { MultiAz } from './multi-az';
import { RdsAtRest } from './rds-at-rest';
import { RdsTls } from './rds-tls';
import { RedisAtRest } from './redis-at-rest';
import { RedisInTransit } from './redis-in-transit';
import { Region } from './region';
import { SecretsManager } from './secrets-manager';
import { TemplateVisible } from './template-visible';

export const MANDATED_RULES: readonly ComplianceRule[] = [RedisAtRest, RedisInTransit, RdsAtRest, MultiAz, Region, IamLeastPrivilege];

export const ADDITIONAL_RULES: readonly ComplianceRule[] = [SecretsManager, RdsTls, DataNotPublic, TemplateVisible];

export const ALL_RULES: readonly ComplianceRule[] = [...MANDATED_RULES, ...ADDITIONAL_RULES];

export { DataNotPublic, IamLeastPrivilege, MultiAz, RdsAtRest, RdsTls, RedisAtRest, RedisInTransit, Region, SecretsManager, TemplateVisible };
export type { ComplianceRule, Violation, StackFacts, FrameworkReference, Severity } from './core/rule';

/** @deprecated Renamed so that file, export and id agree; use {@link RedisAtRest}. Removed in 1.0. */
export const RedisAtRestEncryption = RedisAtRest;
/** @deprecated Use {@link RedisInTransit}. Removed in 1.0. */
export const RedisInTransitEncryption = RedisInTransit;
/** @deprecated Use {@link RdsAtRest}. Removed in 1.0. */
export const RdsStorageEncryption = RdsAtRest;
/** @deprecated Use {@link RdsTls}. Removed in 1.0. */
export const PostgresTls = RdsTls;
/** @deprecated Use {@link SecretsManager}. Removed in 1.0. */
export const SecretsManagerOnly = SecretsManager;
