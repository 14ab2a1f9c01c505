// The framework floor: a bare Fastify route answering a fixed JSON body, run as its own process exactly
// like the app, so that "app / floor" is the cost of Magnet's own work (auth, scope, query, serialisation).
import Fastify from 'fastify';

const body = process.env.FLOOR_BODY ?? '{"ok":true}';
const app = Fastify({ logger: false });
app.get('/floor', async (_req, reply) => reply.type('application/json').send(body));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
