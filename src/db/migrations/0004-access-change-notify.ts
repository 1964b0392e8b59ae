import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// Access that ends must end everywhere at once: a member removed from a workspace (or whose membership row
// changes) and a deleted API token are announced on the `access_changed` channel, so every server process
// closes that viewer's open event streams immediately instead of at their next periodic check
// (jobs/run-change-feed.ts, http/events/run-event-stream.ts). Row-level triggers: these rows change rarely.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE FUNCTION notify_membership_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('access_changed', json_build_object('kind', 'membership', 'workspace_id', OLD.workspace_id, 'user_id', OLD.user_id)::text);
      RETURN NULL;
    END;
    $$;

    CREATE TRIGGER workspace_memberships_access_changed
      AFTER DELETE OR UPDATE ON workspace_memberships
      FOR EACH ROW EXECUTE FUNCTION notify_membership_access_changed();

    CREATE FUNCTION notify_token_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('access_changed', json_build_object('kind', 'token', 'token_id', OLD.id, 'user_id', OLD.user_id)::text);
      RETURN NULL;
    END;
    $$;

    CREATE TRIGGER api_tokens_access_changed
      AFTER DELETE ON api_tokens
      FOR EACH ROW EXECUTE FUNCTION notify_token_access_changed();
    `,
  );
}
