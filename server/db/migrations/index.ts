import { Migration20261122000000 } from './Migration20261122000000.js';
import { Migration20261122010000 } from './Migration20261122010000.js';
import { Migration20261122020000 } from './Migration20261122020000.js';
import { Migration20261122030000 } from './Migration20261122030000.js';

/** Applied in order on start; the name is what MikroORM records in `mikro_orm_migrations`. */
export const migrationsList = [
  { name: 'Migration20261122000000', class: Migration20261122000000 },
  { name: 'Migration20261122010000', class: Migration20261122010000 },
  { name: 'Migration20261122020000', class: Migration20261122020000 },
  { name: 'Migration20261122030000', class: Migration20261122030000 },
];
