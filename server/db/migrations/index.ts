import { Migration20261122000000 } from './Migration20261122000000.js';
import { Migration20261122010000 } from './Migration20261122010000.js';
import { Migration20261122020000 } from './Migration20261122020000.js';
import { Migration20261122030000 } from './Migration20261122030000.js';
import { Migration20261122040000 } from './Migration20261122040000.js';
import { Migration20261122100000 } from './Migration20261122100000.js';
import { Migration20261122110000 } from './Migration20261122110000.js';
import { Migration20261122120000 } from './Migration20261122120000.js';
import { Migration20261202000000 } from './Migration20261202000000.js';
import { Migration20261202010000 } from './Migration20261202010000.js';
import { Migration20261202020000 } from './Migration20261202020000.js';
import { Migration20261202030000 } from './Migration20261202030000.js';
import { Migration20261202040000 } from './Migration20261202040000.js';
import { Migration20261202050000 } from './Migration20261202050000.js';
import { Migration20261202060000 } from './Migration20261202060000.js';
import { Migration20261203000000 } from './Migration20261203000000.js';
import { Migration20261203010000 } from './Migration20261203010000.js';
import { Migration20261203020000 } from './Migration20261203020000.js';
import { Migration20261203030000 } from './Migration20261203030000.js';
import { Migration20261203040000 } from './Migration20261203040000.js';
import { Migration20261203050000 } from './Migration20261203050000.js';
import { Migration20261203060000 } from './Migration20261203060000.js';

/** Applied in order on start; the name is what MikroORM records in `mikro_orm_migrations`. */
export const migrationsList = [
  { name: 'Migration20261122000000', class: Migration20261122000000 },
  { name: 'Migration20261122010000', class: Migration20261122010000 },
  { name: 'Migration20261122020000', class: Migration20261122020000 },
  { name: 'Migration20261122030000', class: Migration20261122030000 },
  { name: 'Migration20261122040000', class: Migration20261122040000 },
  { name: 'Migration20261122100000', class: Migration20261122100000 },
  { name: 'Migration20261122110000', class: Migration20261122110000 },
  { name: 'Migration20261122120000', class: Migration20261122120000 },
  { name: 'Migration20261202000000', class: Migration20261202000000 },
  { name: 'Migration20261202010000', class: Migration20261202010000 },
  { name: 'Migration20261202020000', class: Migration20261202020000 },
  { name: 'Migration20261202030000', class: Migration20261202030000 },
  { name: 'Migration20261202040000', class: Migration20261202040000 },
  { name: 'Migration20261202050000', class: Migration20261202050000 },
  { name: 'Migration20261202060000', class: Migration20261202060000 },
  { name: 'Migration20261203000000', class: Migration20261203000000 },
  { name: 'Migration20261203010000', class: Migration20261203010000 },
  { name: 'Migration20261203020000', class: Migration20261203020000 },
  { name: 'Migration20261203030000', class: Migration20261203030000 },
  { name: 'Migration20261203040000', class: Migration20261203040000 },
  { name: 'Migration20261203050000', class: Migration20261203050000 },
  { name: 'Migration20261203060000', class: Migration20261203060000 },
];
