// Issue 6, point 4: the web app's API types are generated from the server's OpenAPI document, and this test
// fails when the committed file is stale, so the client can never drift from the server's schemas.
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { generateApiTypes, generatedApiTypesFile } from '../../scripts/api-types';

it("keeps the web app's generated API types equal to what the server's OpenAPI document generates", async () => {
  const generated = await generateApiTypes();
  const committed = await readFile(generatedApiTypesFile, 'utf8');
  // A plain equality on purpose: any difference means `npm run generate:api-types` was not run.
  expect(committed === generated, 'web/src/api/generated/openapi.ts is stale: run npm run generate:api-types').toBe(true);
  // The generated file names the shapes the web app reads, from the server's schemas.
  for (const schema of ['Tenant', 'Run', 'InventoryKpis', 'InventoryItemDetail', 'Coverage', 'Me', 'LifecycleCatalog']) expect(generated).toContain(`        ${schema}: {`);
});
