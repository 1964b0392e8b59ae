// `tenantatlas graph-sim`: the Graph-compatible simulator as a process, for the demo and for tests that
// run the app in another process. stdout carries exactly one JSON line describing how to reach it (the
// credentials are throwaway and local, so printing them is the point); everything else goes to stderr.
import type { Command } from 'commander';
import { generateDemoTenants, generateLargeTenant, loadTenantFromDirectory, startGraphSim } from '../../graph-sim';

interface GraphSimCommandOptions {
  port: string;
  host: string;
  data?: string;
  seed: string;
  tenants: string;
  pageSize: string;
  largeTenantPolicies?: string;
}

export function registerGraphSim(program: Command): void {
  program
    .command('graph-sim')
    .description('Run a Microsoft Graph-compatible test server with demo tenants or the Graph JSON under a directory')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '0')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <dir>', 'serve one tenant loaded from a directory of exported Graph JSON')
    .option('--seed <seed>', 'seed of the generated demo tenants', '1')
    .option('--tenants <count>', 'how many demo tenants to generate', '3')
    .option('--page-size <size>', 'page size when a request has no $top', '5')
    .option('--large-tenant-policies <count>', 'serve one generated tenant with this many policies (benchmarks) instead of the demo tenants')
    .action(async (options: GraphSimCommandOptions) => runGraphSim(options));
}

async function runGraphSim(options: GraphSimCommandOptions): Promise<void> {
  const port = integerOption('--port', options.port, 0, 65535);
  const count = integerOption('--tenants', options.tenants, 1, 100);
  const pageSize = integerOption('--page-size', options.pageSize, 1, 999);
  const tenants = options.data
    ? [await loadTenantFromDirectory(options.data)]
    : options.largeTenantPolicies !== undefined
      ? [generateLargeTenant({ seed: options.seed, policies: integerOption('--large-tenant-policies', options.largeTenantPolicies, 1, 1_000_000) })]
      : generateDemoTenants({ seed: options.seed, count });

  const sim = await startGraphSim({ port, host: options.host, tenants, pageSize });
  process.stdout.write(
    `${JSON.stringify({
      url: sim.url,
      tenants: sim.tenants.map(({ entra_tenant_id, display_name, client_id, client_secret }) => ({
        entra_tenant_id,
        display_name,
        client_id,
        client_secret,
      })),
    })}\n`,
  );
  process.stderr.write(
    `graph-sim: serving ${tenants.length} tenant(s) on ${sim.url}; set TENANTATLAS_GRAPH_URL and ` +
      `TENANTATLAS_LOGIN_URL to it. Stop with Ctrl+C.\n`,
  );

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.stderr.write(`graph-sim: ${signal} received, stopping\n`);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sim.close();
}

function integerOption(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}
