/**
 * The AWS Config managed rules the SFX rules map to, each as AWS documents it: source identifier,
 * rule name (its page in the AWS Config developer guide), resource types and trigger. Only
 * documented parameters are set. Reviewed against the developer guide's list of managed rules;
 * check a rule's page again before changing its identifier or parameters.
 */
import { ConfigManagedRule } from './runtime';

const rule = (r: ConfigManagedRule): ConfigManagedRule => r;

export const ELASTICACHE_REPL_GRP_ENCRYPTED_AT_REST = rule({
  identifier: 'ELASTICACHE_REPL_GRP_ENCRYPTED_AT_REST',
  name: 'elasticache-repl-grp-encrypted-at-rest',
  resourceTypes: ['AWS::ElastiCache::ReplicationGroup'],
  trigger: 'periodic',
});

export const ELASTICACHE_REPL_GRP_ENCRYPTED_IN_TRANSIT = rule({
  identifier: 'ELASTICACHE_REPL_GRP_ENCRYPTED_IN_TRANSIT',
  name: 'elasticache-repl-grp-encrypted-in-transit',
  resourceTypes: ['AWS::ElastiCache::ReplicationGroup'],
  trigger: 'periodic',
});

export const ELASTICACHE_REPL_GRP_AUTO_FAILOVER_ENABLED = rule({
  identifier: 'ELASTICACHE_REPL_GRP_AUTO_FAILOVER_ENABLED',
  name: 'elasticache-repl-grp-auto-failover-enabled',
  resourceTypes: ['AWS::ElastiCache::ReplicationGroup'],
  trigger: 'periodic',
});

export const RDS_STORAGE_ENCRYPTED = rule({
  identifier: 'RDS_STORAGE_ENCRYPTED',
  name: 'rds-storage-encrypted',
  resourceTypes: ['AWS::RDS::DBInstance'],
  trigger: 'configuration changes',
});

export const RDS_CLUSTER_ENCRYPTED_AT_REST = rule({
  identifier: 'RDS_CLUSTER_ENCRYPTED_AT_REST',
  name: 'rds-cluster-encrypted-at-rest',
  resourceTypes: ['AWS::RDS::DBCluster'],
  trigger: 'configuration changes',
});

export const RDS_MULTI_AZ_SUPPORT = rule({
  identifier: 'RDS_MULTI_AZ_SUPPORT',
  name: 'rds-multi-az-support',
  resourceTypes: ['AWS::RDS::DBInstance'],
  trigger: 'configuration changes',
});

export const RDS_CLUSTER_MULTI_AZ_ENABLED = rule({
  identifier: 'RDS_CLUSTER_MULTI_AZ_ENABLED',
  name: 'rds-cluster-multi-az-enabled',
  resourceTypes: ['AWS::RDS::DBCluster'],
  trigger: 'configuration changes',
});

export const RDS_INSTANCE_PUBLIC_ACCESS_CHECK = rule({
  identifier: 'RDS_INSTANCE_PUBLIC_ACCESS_CHECK',
  name: 'rds-instance-public-access-check',
  resourceTypes: ['AWS::RDS::DBInstance'],
  trigger: 'configuration changes',
});

/** The data-tier ports of the engines SFX-DATA-NOT-PUBLIC judges: PostgreSQL, Redis/Valkey, MySQL, SQL Server, Oracle. */
export const RESTRICTED_INCOMING_TRAFFIC = rule({
  identifier: 'RESTRICTED_INCOMING_TRAFFIC',
  name: 'restricted-common-ports',
  resourceTypes: ['AWS::EC2::SecurityGroup'],
  trigger: 'configuration changes and periodic',
  parameters: { blockedPort1: 5432, blockedPort2: 6379, blockedPort3: 3306, blockedPort4: 1433, blockedPort5: 1521 },
});

export const IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS = rule({
  identifier: 'IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS',
  name: 'iam-policy-no-statements-with-admin-access',
  resourceTypes: ['AWS::IAM::Policy'],
  trigger: 'configuration changes',
});

export const IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS = rule({
  identifier: 'IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS',
  name: 'iam-policy-no-statements-with-full-access',
  resourceTypes: ['AWS::IAM::Policy'],
  trigger: 'configuration changes',
});

/** The AWS managed policies SFX-IAM-LEAST-PRIVILEGE names outright (the `*FullAccess` family has no fixed list). */
export const IAM_POLICY_BLACKLISTED_CHECK = rule({
  identifier: 'IAM_POLICY_BLACKLISTED_CHECK',
  name: 'iam-policy-blacklisted-check',
  resourceTypes: ['AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::Role'],
  trigger: 'configuration changes',
  parameters: {
    policyArns: 'arn:aws:iam::aws:policy/AdministratorAccess,arn:aws:iam::aws:policy/PowerUserAccess,arn:aws:iam::aws:policy/IAMFullAccess',
  },
});

/** Environment variable names that hold credentials (the names SFX-SECRETS-MANAGER treats as credentials in containers). */
export const ECS_NO_ENVIRONMENT_SECRETS = rule({
  identifier: 'ECS_NO_ENVIRONMENT_SECRETS',
  name: 'ecs-no-environment-secrets',
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  trigger: 'configuration changes',
  parameters: {
    secretKeys: 'PASSWORD,DB_PASSWORD,DATABASE_PASSWORD,PGPASSWORD,REDIS_PASSWORD,AUTH_TOKEN,API_KEY,SECRET,SECRET_KEY,TOKEN,AWS_SECRET_ACCESS_KEY',
  },
});

export const CODEBUILD_PROJECT_ENVVAR_AWSCRED_CHECK = rule({
  identifier: 'CODEBUILD_PROJECT_ENVVAR_AWSCRED_CHECK',
  name: 'codebuild-project-envvar-awscred-check',
  resourceTypes: ['AWS::CodeBuild::Project'],
  trigger: 'configuration changes',
});
