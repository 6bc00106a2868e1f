/**
 * The container health check (ECS runs `node dist/healthcheck.js`): the image has no shell, wget or curl.
 * Probes liveness only: a dependency outage must not make ECS replace healthy tasks.
 */
import * as http from 'http';
import { CONTAINER_PORT, ENV, LIVENESS_PATH } from './contract';

const port = Number(process.env[ENV.port] || CONTAINER_PORT);
const request = http.get({ host: '127.0.0.1', port, path: LIVENESS_PATH, timeout: 2000 }, (response) => {
  response.resume();
  process.exit(response.statusCode === 200 ? 0 : 1);
});
request.on('timeout', () => request.destroy(new Error('timeout')));
request.on('error', () => process.exit(1));
