import { createContext, type ReactNode, useContext } from 'react';
import type { Permission, ViewerQuery } from '../gql/graphql';

export type Viewer = ViewerQuery['viewer'];

export const ViewerContext = createContext<Viewer | null>(null);

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer is used outside a signed-in session');
  return viewer;
}

/** The one permission check of the SPA; the API enforces the same rules. */
export function useCan(permission: Permission): boolean {
  return useViewer().permissions.includes(permission);
}

/** True when the viewer holds any of `permissions`. */
export function useCanAny(...permissions: Permission[]): boolean {
  const held = useViewer().permissions;
  return permissions.some((permission) => held.includes(permission));
}

/** Renders its children only when the viewer holds `permission`. */
export function PermissionGate({
  permission,
  children,
  fallback = null,
}: {
  permission: Permission;
  children: ReactNode;
  fallback?: ReactNode;
}) {
  return useCan(permission) ? children : fallback;
}
