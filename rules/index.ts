/**
 * The SFX control catalogue. Order is the order of the reports: the six mandated controls of
 * CONTROLS.md first, then the controls the blueprint adds.
 */
import { ComplianceRule } from './core/rule';
import { DataNotPublic } from './data-not-public';
import { IamLeastPrivilege } from './iam-least-privilege';
import { MultiAz } from './multi-az';
import { RdsStorageEncryption } from './rds-at-rest';
import { PostgresTls } from './rds-tls';
import { RedisAtRestEncryption } from './redis-at-rest';
import { RedisInTransitEncryption } from './redis-in-transit';
import { Region } from './region';
import { SecretsManagerOnly } from './secrets-manager-only';
import { TemplateVisible } from './template-visible';

export const MANDATED_RULES: readonly ComplianceRule[] = [
  RedisAtRestEncryption,
  RedisInTransitEncryption,
  RdsStorageEncryption,
  MultiAz,
  Region,
  IamLeastPrivilege,
];

export const ADDITIONAL_RULES: readonly ComplianceRule[] = [SecretsManagerOnly, PostgresTls, DataNotPublic, TemplateVisible];

export const ALL_RULES: readonly ComplianceRule[] = [...MANDATED_RULES, ...ADDITIONAL_RULES];

export {
  DataNotPublic,
  IamLeastPrivilege,
  MultiAz,
  RdsStorageEncryption,
  PostgresTls,
  RedisAtRestEncryption,
  RedisInTransitEncryption,
  Region,
  SecretsManagerOnly,
  TemplateVisible,
};
export type { ComplianceRule, Violation, StackFacts, FrameworkReference, Severity } from './core/rule';
