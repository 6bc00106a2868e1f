/**
 * What acts after synthesis: the AWS controls that check, once deployed, what an SFX rule checks in
 * the template. Data beside each rule (`ComplianceRule.runtime`), like its framework references;
 * the catalog stack deploys the Config rules (lib/catalog/sfx-config-rules.ts) and the
 * organisation's management account attaches the SCP (policies/).
 */

/** How AWS Config triggers a managed rule, as its documentation page states. */
export type ConfigTrigger = 'configuration changes' | 'periodic' | 'configuration changes and periodic';

/** An AWS Config managed rule, as AWS documents it (https://docs.aws.amazon.com/config/latest/developerguide/<name>.html). */
export interface ConfigManagedRule {
  /** Source identifier (`SourceIdentifier` of AWS::Config::ConfigRule), e.g. `RDS_STORAGE_ENCRYPTED`. */
  readonly identifier: string;
  /** The rule's documented name, which is also its documentation page, e.g. `rds-storage-encrypted`. */
  readonly name: string;
  /** The resource types AWS documents for the rule; change-triggered rules are scoped to exactly these. */
  readonly resourceTypes: readonly string[];
  readonly trigger: ConfigTrigger;
  /** Input parameters the blueprint sets (documented parameter names only). */
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
}

/** One run-time check of an SFX rule, and what part of the rule it covers. */
export interface ConfigCounterpart {
  readonly rule: ConfigManagedRule;
  /** What of the SFX rule this Config rule checks on deployed resources. */
  readonly covers: string;
}

/** A service control policy statement that enforces the rule for every API call, whatever created it. */
export interface ScpCounterpart {
  /** Repository path of the policy document. */
  readonly document: string;
  readonly covers: string;
}

export interface RuntimeCounterparts {
  readonly configRules: readonly ConfigCounterpart[];
  readonly serviceControlPolicy?: ScpCounterpart;
  /** What no run-time control here sees, and why (for a rule with no counterpart at all: why none exists). */
  readonly limits: string;
}
