import type { FastifyInstance } from 'fastify';
import type { Orm } from '../db/orm.js';

/** `/healthz`: the process is alive. `/readyz`: it can serve, i.e. the database answers within 2 s. */
export function registerHealthRoutes(app: FastifyInstance, orm: Orm): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    try {
      await Promise.race([
        orm.em.getConnection().execute('select 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('database check timed out after 2 s')), 2000).unref()),
      ]);
      return { status: 'ready', database: 'ok' };
    } catch (error) {
      // The cause (an address, a driver error) is for the log; the endpoint may be as public as the rest of the port.
      request.log.warn({ err: error }, 'not ready: the database did not answer');
      return reply.status(503).send({
        status: 'not_ready',
        database: 'unreachable',
        message: 'Keyward cannot reach its database: requests that need it are refused with 503 until it answers again.',
      });
    }
  });
}
