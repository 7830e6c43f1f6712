import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';

/**
 * Flushes; a unique index that a concurrent request won first becomes the same refusal the service gives when it
 * sees the duplicate itself (`conflict`, e.g. "name taken"). Without a refusal for it, the database error stands.
 */
export async function flushRefusingDuplicates(em: EntityManager, conflict: () => Error | null): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    const refusal = error instanceof UniqueConstraintViolationException ? conflict() : null;
    throw refusal ?? error;
  }
}
