import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// The tables of SPEC §9. Written as plain SQL so the same text runs on PostgreSQL and PGlite and reads
// like the schema it creates. Only the columns SPEC §9 names are NOT NULL without a default.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TABLE workspaces (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text,
      slug text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE users (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      email text,
      name text,
      password_hash text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

    CREATE TABLE workspace_memberships (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      workspace_id bigint REFERENCES workspaces (id) ON DELETE CASCADE,
      user_id bigint REFERENCES users (id) ON DELETE CASCADE,
      role text NOT NULL DEFAULT 'readonly',
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, user_id)
    );
    CREATE INDEX workspace_memberships_user_idx ON workspace_memberships (user_id);

    CREATE TABLE tenants (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      workspace_id bigint NOT NULL REFERENCES workspaces (id),
      name text NOT NULL,
      domain text,
      entra_tenant_id text,
      status text DEFAULT 'draft',
      app_status text,
      rbac_status text,
      deleted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX tenants_workspace_idx ON tenants (workspace_id, name);

    CREATE TABLE provider_connections (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tenant_id bigint UNIQUE REFERENCES tenants (id) ON DELETE CASCADE,
      client_id text,
      client_secret text,
      entra_tenant_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE operation_runs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      workspace_id bigint NOT NULL REFERENCES workspaces (id),
      tenant_id bigint REFERENCES tenants (id),
      user_id bigint REFERENCES users (id) ON DELETE SET NULL,
      type text NOT NULL,
      status text NOT NULL DEFAULT 'queued',
      outcome text NOT NULL DEFAULT 'pending',
      selection_hash text NOT NULL DEFAULT '',
      context jsonb NOT NULL DEFAULT '{}'::jsonb,
      summary_counts jsonb NOT NULL DEFAULT '{}'::jsonb,
      failure_summary jsonb NOT NULL DEFAULT '[]'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      completed_at timestamptz,
      heartbeat_at timestamptz,
      worker_id text
    );

    CREATE TABLE inventory_sync_runs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tenant_id bigint NOT NULL REFERENCES tenants (id),
      operation_run_id bigint REFERENCES operation_runs (id),
      selection_hash text,
      selection_payload jsonb,
      status text NOT NULL DEFAULT 'running',
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      items_observed integer NOT NULL DEFAULT 0,
      items_upserted integer NOT NULL DEFAULT 0,
      errors_count integer NOT NULL DEFAULT 0
    );
    CREATE INDEX inventory_sync_runs_tenant_idx ON inventory_sync_runs (tenant_id, started_at DESC, id DESC);

    CREATE TABLE inventory_items (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tenant_id bigint NOT NULL REFERENCES tenants (id),
      policy_type text NOT NULL,
      external_id text NOT NULL,
      display_name text,
      category text,
      platform text,
      content_hash text,
      payload jsonb,
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      last_seen_sync_run_id bigint REFERENCES inventory_sync_runs (id) ON DELETE SET NULL,
      UNIQUE (tenant_id, policy_type, external_id)
    );

    CREATE TABLE baselines (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tenant_id bigint NOT NULL REFERENCES tenants (id),
      operation_run_id bigint REFERENCES operation_runs (id),
      captured_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX baselines_tenant_idx ON baselines (tenant_id, captured_at DESC);

    CREATE TABLE baseline_items (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      baseline_id bigint NOT NULL REFERENCES baselines (id) ON DELETE CASCADE,
      policy_type text NOT NULL,
      external_id text NOT NULL,
      display_name text,
      content_hash text,
      payload jsonb,
      UNIQUE (baseline_id, policy_type, external_id)
    );

    CREATE TABLE findings (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tenant_id bigint NOT NULL REFERENCES tenants (id),
      kind text NOT NULL,
      severity text NOT NULL,
      status text NOT NULL DEFAULT 'open',
      closed_reason text,
      scope_key text,
      fingerprint text NOT NULL,
      policy_type text,
      subject_external_id text,
      subject_display_name text,
      evidence jsonb,
      first_seen_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      acknowledged_at timestamptz,
      closed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, fingerprint)
    );
    CREATE INDEX findings_tenant_created_idx ON findings (tenant_id, created_at DESC, id DESC);
    CREATE INDEX findings_tenant_open_idx ON findings (tenant_id, severity) WHERE status = 'open';

    -- Server-side sessions: logout and expiry really end a session, unlike a self-contained cookie.
    CREATE TABLE sessions (
      sid text PRIMARY KEY,
      data jsonb NOT NULL DEFAULT '{}'::jsonb,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_expires_idx ON sessions (expires_at);

    -- Bearer tokens for scripts: only a SHA-256 of the token is kept.
    CREATE TABLE api_tokens (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      name text,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz
    );
  `,
  );
}
