import * as http from 'http';
import { AddressInfo } from 'net';

interface StoredSecret {
  current: string;
  pending?: string;
}

/**
 * A loopback stand-in for the Secrets Manager API (only GetSecretValue, JSON protocol), so the service's
 * real SDK client reads credentials exactly as in AWS. Rotation is driven by the test: setPending, then
 * promotePending, like the rotation function's createSecret/setSecret/finishSecret steps.
 */
export class FakeSecretsManager {
  readonly calls: { secretId: string; stage: string }[] = [];
  private readonly secrets = new Map<string, StoredSecret>();
  private server!: http.Server;
  endpoint = '';

  static async start(): Promise<FakeSecretsManager> {
    const fake = new FakeSecretsManager();
    fake.server = http.createServer((request, response) => fake.handle(request, response));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.endpoint = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  put(secretId: string, value: Record<string, string>): void {
    this.secrets.set(secretId, { current: JSON.stringify(value) });
  }

  setPending(secretId: string, value: Record<string, string>): void {
    this.secrets.get(secretId)!.pending = JSON.stringify(value);
  }

  promotePending(secretId: string): void {
    const secret = this.secrets.get(secretId)!;
    this.secrets.set(secretId, { current: secret.pending! });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const reply = (status: number, payload: object) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify(payload));
      };
      if (request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue' || !request.headers.authorization?.startsWith('AWS4-HMAC-SHA256')) {
        return reply(400, { __type: 'InvalidRequestException', message: 'only signed GetSecretValue is supported' });
      }
      const { SecretId, VersionStage = 'AWSCURRENT' } = JSON.parse(body) as { SecretId: string; VersionStage?: string };
      this.calls.push({ secretId: SecretId, stage: VersionStage });
      const secret = this.secrets.get(SecretId);
      const value = VersionStage === 'AWSPENDING' ? secret?.pending : secret?.current;
      if (!value) return reply(400, { __type: 'ResourceNotFoundException', message: `no ${VersionStage} version of ${SecretId}` });
      return reply(200, {
        ARN: SecretId,
        Name: SecretId,
        SecretString: value,
        VersionId: 'v',
        VersionStages: [VersionStage],
        CreatedDate: Date.now() / 1000,
      });
    });
  }
}
