import type { DatabaseHandle, Unlisten } from '../db/database';
import type { JobLogger } from './job-logger';

// Every change of a run is announced by a trigger (migration 0003) with NOTIFY operation_run_changed, so a
// browser connected to one server process hears about runs that a worker in another process changed.
// One LISTEN per process feeds every subscriber (SSE connections, the local worker's cancel check).
// Notifications sent while that LISTEN connection was down are lost; once it is back, every subscriber is
// told to resync — to re-read whatever it shows or waits for, since any of it may have changed meanwhile.
export const RUN_CHANGE_CHANNEL = 'operation_run_changed';
/** Membership rows changed or removed, API tokens revoked or deleted, sessions ended (migrations 0004, 0015, 0016). */
export const ACCESS_CHANGE_CHANNEL = 'access_changed';

export type AccessChange =
  | { kind: 'membership'; workspace_id: number; user_id: number }
  | { kind: 'token'; token_id: number; user_id: number }
  /** One of the user's browser sessions ended; which one is not said (a session id is a credential). */
  | { kind: 'session'; user_id: number };

export interface RunChange {
  id: number;
  tenant_id: number | null;
  workspace_id: number;
}

export interface RunChangeListener {
  /** One run changed. */
  change(change: RunChange): void;
  /** Changes may have been missed (the LISTEN connection dropped and is back): re-read everything relevant. */
  resync(): void;
  /** Someone's access may have ended (a membership removed or changed, a token revoked, a session ended): re-check it now. */
  accessChanged?(change: AccessChange): void;
}

export interface RunChangeFeed {
  /** Returns the function that unsubscribes. */
  subscribe(listener: RunChangeListener): () => void;
  stop(): Promise<void>;
}

export async function openRunChangeFeed(handle: DatabaseHandle, log: JobLogger): Promise<RunChangeFeed> {
  const listeners = new Set<RunChangeListener>();
  const notify = (call: (listener: RunChangeListener) => void) => {
    for (const listener of listeners) {
      try {
        call(listener);
      } catch (error) {
        log.warn({ error: error instanceof Error ? error.message : String(error) }, 'run change listener failed');
      }
    }
  };
  // One LISTEN connection for both channels: one reconnect after a drop, and one resync for subscribers.
  const unlisten: Unlisten = await handle.listen(
    [RUN_CHANGE_CHANNEL, ACCESS_CHANGE_CHANNEL],
    (payload, channel) => {
      if (channel === ACCESS_CHANGE_CHANNEL) {
        const change = parseAccessChange(payload);
        if (!change) return log.warn({}, 'ignored a malformed access change notification');
        return notify((listener) => listener.accessChanged?.(change));
      }
      const change = parseRunChange(payload);
      if (!change) return log.warn({}, 'ignored a malformed run change notification');
      notify((listener) => listener.change(change));
    },
    {
      onResync: () => {
        log.info({ channels: [RUN_CHANGE_CHANNEL, ACCESS_CHANGE_CHANNEL] }, 'change feed reconnected; subscribers resync, as changes may have been missed');
        notify((listener) => listener.resync());
      },
    },
  );
  return {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    stop: async () => {
      listeners.clear();
      await unlisten();
    },
  };
}

export function parseRunChange(payload: string): RunChange | null {
  try {
    const value = JSON.parse(payload) as Record<string, unknown>;
    const { id, tenant_id, workspace_id } = value;
    if (typeof id !== 'number' || typeof workspace_id !== 'number') return null;
    if (tenant_id !== null && typeof tenant_id !== 'number') return null;
    return { id, tenant_id, workspace_id };
  } catch {
    return null;
  }
}

export function parseAccessChange(payload: string): AccessChange | null {
  try {
    const value = JSON.parse(payload) as Record<string, unknown>;
    if (typeof value.user_id !== 'number') return null;
    if (value.kind === 'membership' && typeof value.workspace_id === 'number') {
      return { kind: 'membership', workspace_id: value.workspace_id, user_id: value.user_id };
    }
    if (value.kind === 'token' && typeof value.token_id === 'number') return { kind: 'token', token_id: value.token_id, user_id: value.user_id };
    if (value.kind === 'session') return { kind: 'session', user_id: value.user_id };
    return null;
  } catch {
    return null;
  }
}
