import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { buildContractSchema, printContract } from '../server/app/schema.js';

const root = join(import.meta.dirname, '..');
const STALE = 'is stale: run `npm run codegen` and commit the result.';

describe('the GraphQL contract', () => {
  it('schema.graphql is what the resolvers declare', async () => {
    const generated = printContract(await buildContractSchema());
    const committed = readFileSync(join(root, 'schema.graphql'), 'utf8');
    expect(committed, `schema.graphql ${STALE}`).toBe(generated);
  });

  it('the SPA types in client/src/gql are what codegen makes from schema.graphql', async () => {
    const { config } = await loadCodegenConfig({ configFilePath: join(root, 'codegen.yml') });
    const outputs: { filename: string; content: string }[] = await generate({ ...config, cwd: root, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const onDisk = readFileSync(join(root, output.filename), 'utf8');
      expect(onDisk, `${output.filename} ${STALE}`).toBe(output.content);
    }
  });

  it('names the operations of the public contract (docs/concepts.md#the-graphql-api)', async () => {
    const schema = await buildContractSchema();
    const query = Object.keys(schema.getQueryType()?.getFields() ?? {});
    const mutation = Object.keys(schema.getMutationType()?.getFields() ?? {});
    expect(query).toEqual(expect.arrayContaining(['viewer', 'apiClients', 'apiClient', 'apiResources', 'auditEvents']));
    expect(mutation).toEqual(
      expect.arrayContaining([
        'createApiClient',
        'updateApiClient',
        'deleteApiClient',
        'createClientSecret',
        'rotateClientSecret',
        'deleteCredential',
      ]),
    );
    expect(Object.keys(schema.getTypeMap())).toEqual(
      expect.arrayContaining([
        'ApiClientConnection',
        'AuditEventConnection',
        'Permission',
        'PageInfo',
        'CreateClientSecretPayload',
        'RotateClientSecretPayload',
      ]),
    );
  });
});
