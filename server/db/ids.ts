const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IDs are UUIDs; anything else cannot name a record and is treated as not found, never sent to SQL. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
