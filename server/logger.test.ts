import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { describe, expect, it } from 'vitest';
import { lazyRequestLogger, logOneLinePerRequest } from './http/request-logger.js';
import { createLogger } from './logger.js';

describe('request log lines', () => {
  it('show the path but not the query string, where a careless client may put its secret', async () => {
    const lines: { msg: string; req?: { url: string; method: string; remoteAddress: string } }[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const logger = createLogger('info', stream);
    const app = Fastify({
      loggerInstance: logger,
      childLoggerFactory: lazyRequestLogger,
      logController: new LogController({ disableRequestLogging: true }),
    });
    logOneLinePerRequest(app as unknown as FastifyInstance, logger);
    app.post('/oauth2/token', async () => ({ ok: true }));
    try {
      await app.inject({ method: 'POST', url: '/oauth2/token?client_id=default-orders&client_secret=kwcs_not-for-the-log' });
      await app.inject({ method: 'POST', url: '/oauth2/token' });
    } finally {
      await app.close();
    }
    const incoming = lines.filter((line) => line.msg === 'request completed');
    expect(lines.filter((line) => line.msg === 'incoming request')).toEqual([]);
    expect(incoming.map((line) => line.req?.url)).toEqual(['/oauth2/token?[redacted]', '/oauth2/token']);
    expect(incoming[0].req).toMatchObject({ method: 'POST', remoteAddress: '127.0.0.1' });
    expect(JSON.stringify(lines)).not.toContain('kwcs_not-for-the-log');
  });
});
