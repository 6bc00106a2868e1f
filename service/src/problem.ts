import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DatabaseUnavailableError } from './db';
import { WriteConflict } from './catalogue';

/** RFC 9457 problem details. `type` URIs name the problem kind; they are identifiers, not links to fetch. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  428: 'Precondition required',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function problem(status: number, kind: string, detail?: string, errors?: Problem['errors']): Problem {
  return {
    type: `urn:streamflix:problem:${kind}`,
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  if (body.status === 503) reply.header('retry-after', '1');
  return reply
    .code(body.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify(body));
}

/** Maps every error to problem+json; only 4xx messages we wrote or Fastify's own reach the client, never a stack. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error.validation) {
    const errors = error.validation.map((v) => {
      const missing = (v.params as { missingProperty?: string })?.missingProperty;
      const extra = (v.params as { additionalProperty?: string })?.additionalProperty;
      const path = `${v.instancePath}${missing ? `/${missing}` : ''}${extra ? `/${extra}` : ''}`;
      const field = `${error.validationContext ?? 'request'}${path.replace(/\//g, '.')}`;
      return { field, message: extra ? 'is not a known field' : (v.message ?? 'is invalid') };
    });
    return sendProblem(reply, problem(400, 'invalid-request', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors));
  }
  if (error instanceof WriteConflict) {
    const kind = { 404: 'not-found', 409: 'version-conflict', 412: 'precondition-failed', 428: 'precondition-required' }[error.status];
    return sendProblem(reply, problem(error.status, kind, error.message));
  }
  if (error instanceof DatabaseUnavailableError) {
    request.log.warn({ err: error.message }, 'database unavailable');
    return sendProblem(reply, problem(503, 'dependency-unavailable', 'the catalogue database is unavailable; retry shortly'));
  }
  const unavailable = error as { unavailable?: string; version?: number };
  if (unavailable.unavailable === 'cache') {
    return sendProblem(
      reply,
      problem(
        503,
        'dependency-unavailable',
        'the cache is unreachable: writes are refused until it is back, so that no task can serve the previous version afterwards; nothing ' +
          'was written',
      ),
    );
  }
  if (unavailable.unavailable === 'invalidation') {
    return sendProblem(
      reply,
      problem(
        503,
        'invalidation-pending',
        `the write was committed (version ${unavailable.version}) but the cache could not be told yet; it is retried, and this task reads ` +
          `around the cache until it succeeds`,
      ),
    );
  }
  const pgCode = (error as { code?: string }).code;
  if (pgCode === '23505')
    return sendProblem(reply, problem(409, 'version-conflict', 'a concurrent write created this resource first; read it and retry'));
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(reply, problem(error.statusCode, 'invalid-request', error.message));
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, problem(500, 'internal', 'an unexpected error occurred; it has been logged with this request id'));
}
