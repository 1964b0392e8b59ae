import { createContext, useContext } from 'react';
import type { Capability, Workspace } from '../api/types';

export interface WorkspaceScope {
  workspace: Workspace;
  /** What the viewer's role allows here; the server enforces it too, this only shapes the UI. */
  can: (capability: Capability) => boolean;
}

export const WorkspaceContext = createContext<WorkspaceScope | null>(null);

export function workspaceScope(workspace: Workspace): WorkspaceScope {
  return { workspace, can: (capability) => workspace.capabilities.includes(capability) };
}

export function useWorkspace(): WorkspaceScope {
  const scope = useContext(WorkspaceContext);
  if (!scope) throw new Error('useWorkspace() is used outside a workspace page.');
  return scope;
}

export function useOptionalWorkspace(): WorkspaceScope | null {
  return useContext(WorkspaceContext);
}
