import type { TestEnvironment, Instance } from '../harness/environment';
import { APP_USER, DB_SECRET_ARN, DATABASE } from '../harness/environment';
import { call } from '../harness/http';
import { createTitle } from '../harness/fixtures';

/**
 * The database password rotated while the API serves: every request succeeds. The test plays the
 * single-user rotation function's steps (createSecret: AWSPENDING; setSecret: ALTER ROLE; finishSecret:
 * AWSPENDING becomes AWSCURRENT) while connections are replaced every second, so new connections are
 * opened with the old password, between the steps, and with the new one.
 */
export function rotationSuite(env: () => TestEnvironment): void {
  describe('credential rotation', () => {
    let api: Instance;

    beforeAll(async () => {
      // Cache off: every read needs PostgreSQL, and connections live one second.
      api = await env().startInstance({ cacheEnabled: false, dbMaxLifetimeSeconds: 1, secretMaxAgeMs: 60_000 });
      await createTitle(api.url, 'rotation-title');
    });
    afterAll(() => api.close());

    it('survives a rotation under load with no failed request', async () => {
      const e = env();
      const newPassword = `app-password-${Date.now()}`;
      const statuses = new Map<number, number>();
      let running = true;
      const load = async () => {
        while (running) {
          const reply = await call(`${api.url}/v1/titles/rotation-title`);
          statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        }
      };
      const workers = Array.from({ length: 8 }, load);
      const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const stagesRead = () => e.secrets.calls.filter((c) => c.secretId === DB_SECRET_ARN).map((c) => c.stage);
      const readsBefore = stagesRead().length;

      await pause(700);
      e.secrets.setPending(DB_SECRET_ARN, { username: APP_USER, password: newPassword, dbname: DATABASE });
      await e.postgres.admin((client) => client.query(`ALTER ROLE ${APP_USER} PASSWORD '${newPassword}'`));
      await pause(1500); // connections renewed between setSecret and finishSecret must use AWSPENDING
      e.secrets.promotePending(DB_SECRET_ARN);
      await pause(1500);
      running = false;
      await Promise.all(workers);
      e.dbPassword = newPassword;

      expect(Object.fromEntries(statuses)).toEqual({ 200: expect.any(Number) });
      expect(statuses.get(200)).toBeGreaterThan(50);
      expect(stagesRead().slice(readsBefore)).toContain('AWSPENDING');
    });
  });
}
