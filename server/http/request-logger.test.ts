import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { lazyRequestLogger, logOneLinePerRequest } from './request-logger.js';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger(level, stream) };
}

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function appWith(level: string) {
  const { lines, logger } = capture(level);
  // As the app is built (app.ts): Fastify's own two lines per request off, one line of ours instead.
  const instance = Fastify({
    loggerInstance: logger,
    childLoggerFactory: lazyRequestLogger,
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => 'req-1',
  });
  app = instance as unknown as FastifyInstance;
  logOneLinePerRequest(app, logger);
  instance.get('/info', async (request) => {
    request.log.info({ step: 'handled' }, 'a detail');
    return { ok: true };
  });
  instance.get('/fail', async (request) => {
    request.log.error({ token: 'must-not-appear' }, 'something failed');
    request.log.child({ part: 'inner' }).warn('from a child');
    return { ok: false };
  });
  return lines;
}

describe('the lazy per-request logger', () => {
  it('writes each line with the request ID and the redaction of the parent logger', async () => {
    const lines = await appWith('warn');
    await app?.inject({ url: '/fail' });
    const failed = lines.find((line) => line.msg === 'something failed');
    expect(failed).toMatchObject({ reqId: 'req-1', service: 'keyward', token: '[redacted]' });
    expect(lines.find((line) => line.msg === 'from a child')).toMatchObject({ reqId: 'req-1', part: 'inner' });
  });

  it('writes nothing below the level, and everything at it', async () => {
    const quiet = await appWith('warn');
    await app?.inject({ url: '/info' });
    expect(quiet).toEqual([]);
    await app?.close();

    const chatty = await appWith('info');
    await app?.inject({ url: '/info' });
    // One line per request, with what a person looks for: method, path, status and time.
    expect(chatty.map((line) => line.msg)).toEqual(['a detail', 'request completed']);
    expect(chatty.every((line) => line.reqId === 'req-1')).toBe(true);
    expect(chatty[1]).toMatchObject({ req: { method: 'GET', url: '/info' }, res: { statusCode: 200 }, responseTime: expect.any(Number) });
  });
});
