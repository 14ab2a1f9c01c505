import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Deps } from './context.ts';
import { loggerOptions } from './logger.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerErrorHandler, send } from './plugins/errors.ts';
import { MODULE_ROUTES } from './routes.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIST = path.join(ROOT, 'dist', 'web');
/** A file of the build named by its content hash (`assets/index-CC-8p7Ly.js`, `assets/antd-d3b5c562.css`). */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+(\.(br|gz))?$/;

export interface BuildOptions {
  deps: Deps;
  logger?: boolean;
  /** Serve the built web UI from dist/web (off in API tests). */
  serveWeb?: boolean;
}

/** Builds the Fastify application on an open database. Nothing listens until the caller says so. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { deps } = opts;
  const app = Fastify({
    ...loggerOptions(opts.logger === false ? 'silent' : deps.config.LOG_LEVEL),
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);

  registerErrorHandler(app);
  // JSON bodies as usual (prototype poisoning refused), but an empty body with a JSON content type is
  // "no body" rather than an error: `POST …/submit` needs none.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, sjson.parse(text, { protoAction: 'error', constructorAction: 'error' }));
    } catch (e) {
      const err = e as Error & { statusCode?: number; code?: string };
      err.statusCode = 400;
      err.code = 'FST_ERR_CTP_INVALID_JSON_BODY';
      done(err, undefined);
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: deps.config.MAGNET_SECURE_COOKIE,
  });
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: deps.config.MAGNET_MAX_UPLOAD_MB * 1024 * 1024, files: 1, fields: 20, parts: 25 },
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Magnet 招商引资工作管理平台 API',
        version: '1.0.0',
        description:
          'SPEC §4. Errors: `{"error":{"code","message","details"}}`. Money is a decimal string with two decimals. ' +
          'Authenticate with `POST /api/v1/auth/login`, then send `Authorization: Bearer <token>` or the session cookie. ' +
          'Cookie-authenticated writes from a browser must carry `X-CSRF-Token` (from login or `/auth/me`). ' +
          'Creates answer 201.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'magnet_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerAuth(app);
  for (const routes of MODULE_ROUTES) await app.register(routes);

  const indexFile = path.join(WEB_DIST, 'index.html');
  const indexHtml = opts.serveWeb && fs.existsSync(indexFile) ? fs.readFileSync(indexFile) : null;
  if (indexHtml) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      prefix: '/',
      wildcard: false,
      index: false,
      // the build's .br/.gz copies (web/build/precompress.ts), as the browser accepts them
      preCompressed: true,
      // hashed build files never change under their name: a browser keeps them without asking again
      // (a new build has new names); everything else is checked on every load
      setHeaders(reply, filePath) {
        if (HASHED_ASSET.test(filePath)) reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (indexHtml && req.method === 'GET' && !req.url.startsWith('/api')) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    }
    const en = /^en\b/i.test(String(req.headers['accept-language'] ?? ''));
    return send(reply, 'NOT_FOUND', en ? 'No such endpoint' : '接口不存在');
  });
  return app;
}
