/** What looks like a credential in a template, and which references name a Secrets Manager secret. */
import { Rendered, rootOf } from './rendered';
import { TemplateView } from './template';
import { render } from './values';

// Whole words PASS and PWD too (DB_PASS, REDIS_PWD), without matching PASSENGER_COUNT.
const SECRET_LOOKING_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|(^|_)(PASS|PWD)(_|$))/i;
// Metadata about a secret (DB_SECRET_ARN, TOKEN_TTL_SECONDS, PASSWORD_MIN_LENGTH, TOKENS_TABLE), not the secret itself.
const SECRET_METADATA_NAME = new RegExp(
  '_(NAME|ARN|ID|TTL|SECONDS|MINUTES|DAYS|MILLIS|MS|TIMEOUT|LENGTH|PATH|URL|URI|REGION|HEADER|FILE|' +
    'ENABLED|VERSION|PORT|SIZE|LEVEL|CONNECTIONS|TABLE|TYPE|POLICY|COUNT|MODE|AUDIENCE|ISSUER|ENDPOINT|EXPIRY|EXPIRATION|' +
    'LIFETIME|PREFIX|ALGORITHM|ALG|ROUNDS|LOCATION|METHOD)$',
  'i',
);
// A switch about credentials (USE_API_KEY, API_KEY_REQUIRED) holding a flag value is not one; any other value still is.
const SWITCH_NAME = /^(ENABLE|USE|DISABLE)_|_REQUIRED$/i;
const FLAG_VALUE = /^(true|false|0|1|yes|no|on|off)$/i;
// Under any other name only true/false reads as a flag (TOKEN=true); `1` or `yes` may be the secret.
const BOOLEAN_VALUE = /^(true|false)$/i;

/** A literal environment variable value that, by its variable's name, is a credential (not a setting about one, nor a flag). */
export function looksLikeCredential(name: string, text: string): boolean {
  const flag = SWITCH_NAME.test(name) ? FLAG_VALUE.test(text) : BOOLEAN_VALUE.test(text);
  return SECRET_LOOKING_NAME.test(name) && !SECRET_METADATA_NAME.test(name) && !flag;
}

/**
 * A value that starts with a secret of this template (its Ref or an attribute), or with an import of
 * another stack's export of one. A SecretTargetAttachment's Ref is its secret's ARN (what an attached
 * database secret renders). `depth` bounds exports and nested parameters crafted to refer to each other.
 */
export function isSecretReference(parts: Rendered, template: TemplateView, depth: number): boolean {
  const [first] = parts;
  if (first === undefined || depth > 8) return false;
  // Another stack's export, or what a parent passes to a nested stack: judged where it comes from.
  const origin =
    // Stryker disable next-line ConditionalExpression: true for the parameter test does not compile (TS2339: not every part has a name)
    first.kind === 'import' ? template.exportNamed(first.exportName) : first.kind === 'parameter' ? template.nestedParameter(first.name) : undefined;
  if (origin) {
    const parts = render(origin.value, origin.view);
    return parts !== undefined && isSecretReference(parts, origin.view, depth + 1);
  }
  // The secret RDS manages for a database of this template (ManageMasterUserPassword): `Db.MasterUserSecret.SecretArn`.
  // Stryker disable next-line ConditionalExpression: true for the kind does not compile (TS2339: only references have an attribute)
  if (first.kind === 'reference' && first.attribute === 'MasterUserSecret.SecretArn') {
    return isOfType(template, first.logicalId, ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster']);
  }
  const root = rootOf(first);
  // Stryker disable next-line ConditionalExpression: true for the kind does not compile (TS2339: only references have a logicalId)
  return root.kind === 'reference' && isOfType(template, root.logicalId, SECRET_TYPES);
}

const SECRET_TYPES = ['AWS::SecretsManager::Secret', 'AWS::SecretsManager::SecretTargetAttachment'];

function isOfType(template: TemplateView, logicalId: string, types: readonly string[]): boolean {
  const type = template.resource(logicalId)?.type;
  return types.some((t) => t === type);
}
