import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { chooseLogFormat, createLogger, type LogFormat } from './logger.js';

/** A logger in the given format writing into a string, as the terminal (or the pipe) would receive it. */
function captured(format: LogFormat) {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { logger: createLogger('info', stream, format), text: () => text };
}

describe('log format', () => {
  it('pretty: a readable line with the time, level name and message, and credentials still redacted', () => {
    const { logger, text } = captured('pretty');
    logger.info(
      { password: 'hunter2-not-for-the-log', req: { method: 'GET', url: '/x', headers: { authorization: 'Bearer kwat_abc' } } },
      'signed in',
    );
    const line = text();
    expect(line).toMatch(/^\[\d{2}:\d{2}:\d{2}\] INFO: signed in/);
    expect(line.trim().split('\n')).toHaveLength(1);
    expect(line).not.toContain('{"level":30');
    // Process id, host name and the constant service name are noise to the person reading.
    expect(line).not.toMatch(/pid|hostname|service/);
    expect(line).toContain('"password":"[redacted]"');
    expect(line).not.toContain('hunter2-not-for-the-log');
    // No colour codes into a stream that is not a terminal.
    expect(line).not.toContain('\u001b[');
  });

  it('json: one JSON object per line, redacted the same way', () => {
    const { logger, text } = captured('json');
    logger.warn({ password: 'hunter2-not-for-the-log' }, 'signed in');
    const parsed = JSON.parse(text().trim());
    expect(parsed).toMatchObject({ level: 40, msg: 'signed in', service: 'keyward', password: '[redacted]' });
  });

  it('is pretty on a terminal outside production, JSON on a pipe or in production, and as forced when set', () => {
    expect(chooseLogFormat(undefined, 'development', { isTTY: true })).toBe('pretty');
    expect(chooseLogFormat(undefined, 'development', {})).toBe('json');
    expect(chooseLogFormat(undefined, 'production', { isTTY: true })).toBe('json');
    expect(chooseLogFormat('json', 'development', { isTTY: true })).toBe('json');
    expect(chooseLogFormat('pretty', 'production', {})).toBe('pretty');
  });

  it('KEYWARD_LOG_FORMAT takes pretty or json, and refuses anything else naming the variable', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logFormat).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'test', KEYWARD_LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'test', KEYWARD_LOG_FORMAT: 'JSON' }).logFormat).toBe('json');
    const fancy = () => loadConfig({ NODE_ENV: 'test', KEYWARD_LOG_FORMAT: 'fancy' });
    expect(fancy).toThrow(ConfigError);
    expect(fancy).toThrow('KEYWARD_LOG_FORMAT must be pretty (readable lines) or json (one JSON object per line); it is "fancy".');
  });
});
