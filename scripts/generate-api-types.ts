// npm run generate:api-types — writes web/src/api/generated/openapi.ts from the server's OpenAPI document.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateApiTypes, generatedApiTypesFile } from './api-types';

const text = await generateApiTypes();
await mkdir(path.dirname(generatedApiTypesFile), { recursive: true });
await writeFile(generatedApiTypesFile, text);
console.log(`wrote ${path.relative(process.cwd(), generatedApiTypesFile)}`);
