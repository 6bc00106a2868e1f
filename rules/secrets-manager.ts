/**
 * SFX-SECRETS-MANAGER — credentials never appear in templates; they live in Secrets Manager.
 *
 * PASSES  database master passwords and cache AUTH tokens that are Secrets Manager dynamic
 *         references (`{{resolve:secretsmanager:…}}`, what CDK renders for a generated secret),
 *         or absent (RDS ManageMasterUserPassword, snapshot restores); container and function
 *         secrets passed through ECS `Secrets` from Secrets Manager (including the secret RDS manages for a
 *         database of the template, `MasterUserSecret.SecretArn`); Secrets Manager secrets with
 *         GenerateSecretString.
 * FAILS   a literal password or token; one from a CloudFormation parameter (NoEcho hides it
 *         from the console, not from anyone who can read the stack's parameters or template);
 *         an SSM SecureString reference (the control requires Secrets Manager);
 *         a secret-looking environment variable (PASSWORD, SECRET, TOKEN, API_KEY, …) of a container,
 *         function or CodeBuild project (PLAINTEXT) with a
 *         literal value, unless its name ends in a metadata suffix (_NAME, _ARN, _ID, _TTL,
 *         _SECONDS, _MINUTES, _DAYS, _MILLIS, _MS, _TIMEOUT, _LENGTH, _PATH, _URL, _URI, _REGION,
 *         _HEADER, _FILE, _ENABLED, _VERSION, _PORT, _SIZE, _LEVEL, _CONNECTIONS, _TABLE, _TYPE,
 *         _POLICY, _COUNT, _MODE, _AUDIENCE, _ISSUER, _ENDPOINT, _EXPIRY, _EXPIRATION, _LIFETIME,
 *         _PREFIX, _ALGORITHM, _ALG, _ROUNDS, _LOCATION, _METHOD: SECRET_NAME names a secret, it
 *         is not one; the settings of CDK's paramsAndSecrets layer all end so), or whose value is
 *         true/false, or a flag value (0/1, yes/no, on/off) of a switch named ENABLE_/USE_/DISABLE_…
 *         or …_REQUIRED; any environment
 *         variable holding a resolved dynamic reference (the secret would be stored in plain
 *         text in the task/function definition);
 *         an ECS secret read from an SSM parameter (or any source but a Secrets Manager secret);
 *         an AWS::SecretsManager::Secret whose SecretString is a literal.
 */
import { CODEBUILD_PROJECT_ENVVAR_AWSCRED_CHECK, ECS_NO_ENVIRONMENT_SECRETS } from './core/aws-config-rules';
import { ComplianceRule, Violation, fail } from './core/rule';
import { TemplateResource, TemplateView } from './core/template';
import { asList, isPlainObject } from './core/intrinsics';
import { arnService, hasVariableText, isFullyLiteral, partsToDisplay, rootOf } from './core/rendered';
import { isSecretReference, looksLikeCredential } from './core/secrets';
import { render } from './core/values';

const SECRETS_MANAGER_REFERENCE = '{{resolve:secretsmanager:';
const ANY_DYNAMIC_SECRET_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure):/;

/** Credential properties per resource type (list-valued ones hold several credentials). */
const CREDENTIAL_PROPERTIES: Record<string, string[]> = {
  'AWS::RDS::DBInstance': ['MasterUserPassword', 'TdeCredentialPassword'],
  'AWS::RDS::DBCluster': ['MasterUserPassword'],
  'AWS::DocDB::DBCluster': ['MasterUserPassword'],
  'AWS::Neptune::DBCluster': ['MasterUserPassword'],
  'AWS::Redshift::Cluster': ['MasterUserPassword'],
  'AWS::ElastiCache::ReplicationGroup': ['AuthToken'],
  'AWS::ElastiCache::User': ['Passwords', 'AuthenticationMode.Passwords'],
  'AWS::DMS::Endpoint': ['Password'],
  'AWS::OpenSearchService::Domain': ['AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword'],
};

/** A property by dotted path (`AuthenticationMode.Passwords`). */
function propertyAt(properties: Readonly<Record<string, unknown>>, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((value, key) => (isPlainObject(value) ? value[key] : undefined), properties);
}

export const SecretsManager: ComplianceRule = {
  id: 'SFX-SECRETS-MANAGER',
  title: 'Passwords and tokens come from AWS Secrets Manager, never from the template',
  severity: 'critical',
  mandated: false,
  rationale:
    'Templates, parameters and task definitions are readable by many principals and kept in version ' +
    'history and CloudFormation; a credential placed there is disclosed and cannot be rotated.',
  remediation:
    'Generate the credential into a Secrets Manager secret (rds.Credentials.fromGeneratedSecret, ' +
    'secretsmanager.Secret with generateSecretString) and pass it as a dynamic reference to the resource ' +
    'and through ecs.Secret.fromSecretsManager to containers.',
  resourceTypes: [
    ...Object.keys(CREDENTIAL_PROPERTIES),
    'AWS::ECS::TaskDefinition',
    'AWS::Lambda::Function',
    'AWS::CodeBuild::Project',
    'AWS::SecretsManager::Secret',
  ],
  frameworks: [
    { framework: 'NIST 800-53 r5', control: 'IA-5(7)' },
    { framework: 'NIST 800-53 r5', control: 'SC-28' },
    { framework: 'PCI DSS 4.0', control: '8.3.2' },
    { framework: 'ISO 27001:2022', control: 'A.5.17' },
  ],
  runtime: {
    configRules: [
      { rule: ECS_NO_ENVIRONMENT_SECRETS, covers: 'credential-named plaintext environment variables of the latest task definition revision' },
      { rule: CODEBUILD_PROJECT_ENVVAR_AWSCRED_CHECK, covers: 'AWS access keys in CodeBuild plaintext environment variables' },
    ],
    limits:
      'Once deployed, a password written into a database, cache, DMS endpoint or Lambda ' +
      'environment is not readable, so no Config rule can tell whether it came from Secrets ' +
      "Manager. The ECS rule matches exact key names (not SFX's name patterns).",
  },
  checkResource(resource, template): Violation[] {
    switch (resource.type) {
      case 'AWS::ECS::TaskDefinition':
        return asList(resource.properties.ContainerDefinitions).flatMap((container, index) =>
          isPlainObject(container)
            ? [
                ...environmentViolations(`ContainerDefinitions[${index}].Environment`, nameValuePairs(container.Environment), template),
                ...containerSecretViolations(`ContainerDefinitions[${index}].Secrets`, container.Secrets, template),
              ]
            : [],
        );
      case 'AWS::CodeBuild::Project': {
        // PLAINTEXT (the default type) variables are stored in the project; SECRETS_MANAGER ones are references.
        const environment = resource.properties.Environment;
        const variables = asList(isPlainObject(environment) ? environment.EnvironmentVariables : undefined).filter(
          (v) => isPlainObject(v) && (v.Type === undefined || v.Type === 'PLAINTEXT'),
        );
        return environmentViolations('Environment.EnvironmentVariables', nameValuePairs(variables), template);
      }
      case 'AWS::Lambda::Function': {
        const environment = resource.properties.Environment;
        const variables = isPlainObject(environment) && isPlainObject(environment.Variables) ? environment.Variables : {};
        return environmentViolations('Environment.Variables', Object.entries(variables), template);
      }
      case 'AWS::SecretsManager::Secret':
        return literalSecretString(resource, template);
      default:
        return credentialViolations(resource, template);
    }
  },
};

function credentialViolations(resource: TemplateResource, template: TemplateView): Violation[] {
  // The gate calls checkResource only for resourceTypes: each type that gets here is a key of CREDENTIAL_PROPERTIES.
  // Stryker disable next-line ArrayDeclaration: never reached through the gate (see above); the fallback is for the type only
  return (CREDENTIAL_PROPERTIES[resource.type] ?? []).flatMap((name) => {
    const value = propertyAt(resource.properties, name);
    if (value === undefined) return [];
    const values = Array.isArray(value) ? value.map((v, i) => [`${name}[${i}]`, v] as const) : [[name, value] as const];
    return values.flatMap(([at, v]) => {
      const problem = credentialProblem(v, template);
      return problem ? [fail(`${at} ${problem}`)] : [];
    });
  });
}

/** Why a credential value is not a Secrets Manager reference, or undefined if it is one. */
function credentialProblem(value: unknown, template: TemplateView): string | undefined {
  const parts = render(value, template);
  if (parts === undefined) return 'is not a string the gate can read';
  const text = partsToDisplay(parts);
  if (text.startsWith(SECRETS_MANAGER_REFERENCE) && text.endsWith('}}')) return undefined;
  if (text.includes('{{resolve:ssm-secure:')) return 'is an SSM SecureString reference; the control requires Secrets Manager';
  if (parts.some((part) => rootOf(part).kind === 'parameter'))
    return 'comes from a CloudFormation parameter, which stores it outside Secrets Manager';
  // Stryker disable next-line MethodExpression: render merges adjacent literals, so a fully literal rendering has <= 1 part
  if (isFullyLiteral(parts) && !parts.some(hasVariableText)) return 'is a literal credential in the template';
  return 'is built at deploy time from something other than a Secrets Manager dynamic reference';
}

function nameValuePairs(environment: unknown): [string, unknown][] {
  return asList(environment)
    .filter(isPlainObject)
    .map((entry): [string, unknown] => [String(entry.Name ?? ''), entry.Value]);
}

function environmentViolations(at: string, variables: [string, unknown][], template: TemplateView): Violation[] {
  return variables.flatMap(([name, value]) => {
    const parts = render(value, template);
    if (parts === undefined) return [];
    const text = partsToDisplay(parts);
    if (ANY_DYNAMIC_SECRET_REFERENCE.test(text)) {
      return [
        fail(
          `${at} ${name} resolves a secret into a plain-text environment variable, stored readable in the definition`,
          'pass it as a secret (ecs.Secret.fromSecretsManager / the Lambda reads it from Secrets Manager at run time)',
        ),
      ];
    }
    // Stryker disable next-line MethodExpression: render merges adjacent literals, so a fully literal rendering has <= 1 part
    const literal = isFullyLiteral(parts) && !parts.some(hasVariableText) && text !== '' && !text.startsWith('arn:');
    if (literal && looksLikeCredential(name, text)) {
      return [
        fail(
          `${at} ${name} holds a literal value that looks like a credential`,
          'store it in Secrets Manager and pass it as a secret, not an environment variable',
        ),
      ];
    }
    return [];
  });
}

/**
 * ECS secrets must come from Secrets Manager: a secret's ARN (literal, or built from a secret or
 * secret attachment of this template, which is what ecs.Secret.fromSecretsManager renders).
 * SSM parameters are refused.
 */
function containerSecretViolations(at: string, secrets: unknown, template: TemplateView): Violation[] {
  return asList(secrets).flatMap((secret, index) => {
    if (!isPlainObject(secret)) return [];
    // Stryker disable next-line ArrayDeclaration: any non-ARN stand-in for an unreadable ValueFrom gives the same unprovable-source finding
    const parts = render(secret.ValueFrom, template) ?? [];
    const source = partsToDisplay(parts);
    const fromTemplateSecret = isSecretReference(parts, template, 0);
    const fromSecretArn = arnService(parts) === 'secretsmanager';
    return fromTemplateSecret || fromSecretArn
      ? []
      : [
          fail(
            `${at}[${index}] (${String(secret.Name ?? '?')}) is read from ` +
              `${source.includes(':ssm:') || !source.startsWith('arn:') ? 'an SSM parameter or an unprovable source' : source}, not Secrets Manager`,
            'store the value in Secrets Manager and use ecs.Secret.fromSecretsManager',
          ),
        ];
  });
}

function literalSecretString(resource: TemplateResource, template: TemplateView): Violation[] {
  const value = resource.properties.SecretString;
  if (value === undefined) return [];
  const parts = render(value, template);
  // Built at deploy time (or an IAM-style `${…}` variable, or empty): not a secret written into the template.
  // Stryker disable next-line MethodExpression: render merges adjacent literals, so a fully literal rendering has <= 1 part
  if (parts !== undefined && (!isFullyLiteral(parts) || parts.some(hasVariableText) || parts.length === 0)) return [];
  return [
    fail(
      'SecretString is a literal: the secret value is written into the template',
      'use GenerateSecretString (secretsmanager.Secret generateSecretString) or set the value outside CloudFormation',
    ),
  ];
}
