import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Where secrets come from: Secrets Manager in AWS; tests point the SDK at a local endpoint. */
export interface SecretSource {
  /** The secret's JSON, at the given staging label. */
  get(secretId: string, stage: 'AWSCURRENT' | 'AWSPENDING'): Promise<Record<string, string> | undefined>;
}

export function secretsManagerSource(region: string | undefined): SecretSource {
  // The SDK honours AWS_ENDPOINT_URL_SECRETS_MANAGER (the private endpoint needs no override: it uses private DNS).
  const client = new SecretsManagerClient({ region, maxAttempts: 3 });
  return {
    async get(secretId, stage) {
      try {
        const out = await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage }));
        return out.SecretString ? (JSON.parse(out.SecretString) as Record<string, string>) : undefined;
      } catch (error) {
        // No AWSPENDING version exists outside a rotation.
        if (stage === 'AWSPENDING' && (error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
        throw error;
      }
    },
  };
}

/**
 * One secret, cached. A server that rejects the cached value calls {@link rejected}: the next read asks
 * Secrets Manager again, first for AWSCURRENT and, if that is still the rejected value (a rotation between
 * its setSecret and finishSecret steps), for AWSPENDING.
 */
export class CachedSecret {
  private value: Record<string, string> | undefined;
  private fetchedAt = 0;
  private inFlight: Promise<Record<string, string>> | undefined;
  private rejectedValue: string | undefined;

  constructor(
    private readonly source: SecretSource,
    private readonly secretId: string,
    private readonly key: string,
    private readonly maxAgeMs = 15 * 60 * 1000,
  ) {}

  /** The secret's JSON (cached for maxAgeMs). */
  async read(): Promise<Record<string, string>> {
    if (this.value && Date.now() - this.fetchedAt < this.maxAgeMs) return this.value;
    this.inFlight ??= this.fetch().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** The server refused this value of the secret's key: forget it. */
  rejected(value: string): void {
    if (this.value?.[this.key] === value) {
      this.rejectedValue = value;
      this.value = undefined;
    }
  }

  private async fetch(): Promise<Record<string, string>> {
    let value = await this.source.get(this.secretId, 'AWSCURRENT');
    if (value && this.rejectedValue !== undefined && value[this.key] === this.rejectedValue) {
      value = (await this.source.get(this.secretId, 'AWSPENDING')) ?? value;
    }
    if (!value || typeof value[this.key] !== 'string') throw new Error(`secret ${this.secretId} has no "${this.key}" key`);
    this.rejectedValue = undefined;
    this.value = value;
    this.fetchedAt = Date.now();
    return value;
  }
}
