import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// A browser's live-update stream must end with its session, as a bearer stream ends with its token: a session ended
// from another device ("your sessions"), by a password change or by signing out everywhere is announced on
// `access_changed` with its user, so every server process re-checks that user's session streams at once
// (http/events/run-event-stream.ts) instead of at their next 25 s ping. Sessions not signed in carry no user_id and
// are not announced. Expired sessions are deleted in bulk once an hour: one notification per signed-in row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE FUNCTION notify_session_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('access_changed', json_build_object('kind', 'session', 'user_id', (OLD.data->>'user_id')::bigint)::text);
      RETURN NULL;
    END;
    $$;

    CREATE TRIGGER sessions_access_changed
      AFTER DELETE ON sessions
      FOR EACH ROW
      WHEN (OLD.data->>'user_id' ~ '^[0-9]+$')
      EXECUTE FUNCTION notify_session_access_changed();
    `,
  );
}
