import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Bindings, ChildLoggerOptions, Level, LevelWithSilentOrString, Logger } from 'pino';

/**
 * Fastify's per-request logger (the request ID bound to every line), created only when the request logs
 * something. pino's child() costs several microseconds per request (its bindings go through redaction),
 * which the token endpoint would otherwise pay on every request even when, at level warn, a successful
 * request writes nothing. A line that is logged carries the same bindings as before.
 */
export function lazyRequestLogger(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  // A route with its own log level needs a real child at once (its level differs from the parent's).
  if (options.level !== undefined) return parent.child(bindings, options);
  return new LazyChild(parent as Logger, bindings, options);
}

class LazyChild implements FastifyBaseLogger {
  private bound: Logger | null = null;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  private write(level: Level, args: unknown[]): void {
    if (!this.bound && !this.parent.isLevelEnabled(level)) return;
    this.bound ??= this.parent.child(this.bindings, this.options);
    (this.bound[level] as (...a: unknown[]) => void)(...args);
  }

  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}

  get level(): LevelWithSilentOrString {
    return this.bound?.level ?? this.parent.level;
  }

  set level(level: LevelWithSilentOrString) {
    this.bound ??= this.parent.child(this.bindings, this.options);
    this.bound.level = level;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    this.bound ??= this.parent.child(this.bindings, this.options);
    return this.bound.child(bindings, options);
  }
}

/**
 * One line per request ("request completed", with method, URL, status and time) instead of Fastify's two (incoming and
 * completed); the app turns those off (`LogController` with `disableRequestLogging`). Registered only when info lines are written at all, so at
 * level warn (production's usual) a request pays for no hook.
 */
export function logOneLinePerRequest(app: FastifyInstance, logger: FastifyBaseLogger): void {
  if (!(logger as Logger).isLevelEnabled('info')) return;
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info({ req: request, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime }, 'request completed');
    done();
  });
}
