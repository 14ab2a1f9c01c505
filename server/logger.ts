import { LogController, type FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';

/** Structured JSON logs (pino, through Fastify) with a request id on every line of a request. */
export function loggerOptions(level: string): FastifyServerOptions {
  return {
    logger: {
      level,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
    },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    logController: new LogController({ requestIdLogLabel: 'request_id' }),
  };
}
