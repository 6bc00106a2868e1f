/** The container's entry point: start, serve on 0.0.0.0:PORT, and shut down gracefully on SIGTERM. */
import { loadConfig } from './config';
import { createService } from './service';
import { secretsManagerSource } from './secrets';
import { ENV, MAX_REQUEST_MS } from './contract';

async function main(): Promise<void> {
  const config = loadConfig();
  const service = await createService(config, secretsManagerSource(config.region), {
    cacheEnabled: process.env[ENV.cacheEnabled] !== 'false',
  });
  const { app, state } = service;
  await app.listen({ host: '0.0.0.0', port: config.port });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // ECS has already drained the target from the ALB; keep answering whatever still arrives, telling every
    // client to close its connection, then stop listening, finish in-flight requests and close the pools.
    state.draining = true;
    app.log.info({ signal, drainMs: config.shutdownDrainMs }, 'shutting down');
    const deadline = setTimeout(
      () => {
        app.log.error('shutdown took too long');
        process.exit(1);
      },
      config.shutdownDrainMs + MAX_REQUEST_MS + 5000,
    );
    deadline.unref();
    setTimeout(() => {
      service
        .close()
        .then(() => {
          app.log.info('stopped');
          process.exit(0);
        })
        .catch((error) => {
          app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        });
    }, config.shutdownDrainMs);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(JSON.stringify({ level: 60, msg: 'start-up failed', err: (error as Error).message }));
  process.exit(1);
});
