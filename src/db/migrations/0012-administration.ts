import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// Workspace administration (issue 8): the audit trail, invitations, and what members and tokens need.
// - audit_entries is append-only in the database itself: a trigger refuses every UPDATE, DELETE and TRUNCATE,
//   whoever sends it (the application, a script, an operator's psql). Entries keep the actor's name as it was, and
//   plain ids for tenant and target, so an entry outlives what it describes.
// - Invitations keep only the SHA-256 of their one-time link token, expire, and are used at most once.
// - api_tokens gain an optional expiry and a revocation time; users their last sign-in.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TABLE audit_entries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      workspace_id bigint,
      tenant_id bigint,
      actor_user_id bigint,
      actor_token_id bigint,
      actor_name text,
      action text NOT NULL,
      target_type text,
      target_id text,
      summary jsonb NOT NULL DEFAULT '{}'::jsonb,
      ip text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX audit_entries_workspace_created_idx ON audit_entries (workspace_id, created_at DESC, id DESC);
    CREATE INDEX audit_entries_workspace_tenant_created_idx ON audit_entries (workspace_id, tenant_id, created_at DESC, id DESC);
    CREATE INDEX audit_entries_workspace_actor_created_idx ON audit_entries (workspace_id, actor_user_id, created_at DESC, id DESC);
    CREATE INDEX audit_entries_workspace_action_created_idx ON audit_entries (workspace_id, action, created_at DESC, id DESC);

    CREATE FUNCTION audit_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit entries are append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
    END
    $$;
    CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
      FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse_change();
    CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_refuse_change();

    CREATE TABLE workspace_invitations (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      workspace_id bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      email text NOT NULL,
      role text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      invited_by_user_id bigint REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      accepted_user_id bigint REFERENCES users (id) ON DELETE SET NULL,
      revoked_at timestamptz
    );
    -- One open invitation per address and workspace; an accepted, revoked or expired one does not block a new one.
    CREATE UNIQUE INDEX workspace_invitations_open_key ON workspace_invitations (workspace_id, lower(email))
      WHERE accepted_at IS NULL AND revoked_at IS NULL;

    ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz, ADD COLUMN revoked_at timestamptz;
    ALTER TABLE users ADD COLUMN last_sign_in_at timestamptz;
    `,
  );
}
