import { Navigate, Outlet, useLocation } from "react-router";
import { AppShell } from "../../../components/layout/app-shell";
import { ErrorState } from "../../../components/ui/states";
import { Skeleton } from "../../../components/ui/skeleton";
import { useMe } from "../../../features/auth/api/get-me";
import { NoTenant } from "../../../features/auth/components/no-tenant";
import { isApiError } from "../../../lib/api";
import { paths } from "../../../lib/paths";
import { maybeSignedIn } from "../../../lib/session-hint";

function ShellSkeleton() {
  return (
    <div className="shell" aria-busy="true">
      <aside className="sidebar" aria-hidden="true">
        <div className="sidebar-inner">
          <Skeleton height={28} width={110} />
          <Skeleton height={44} />
          <Skeleton height={32} />
          <Skeleton height={32} />
        </div>
      </aside>
      <div className="shell-main">
        <header className="topbar" />
        <main className="main" role="status" aria-label="Loading your workspace">
          <Skeleton height={30} width="40%" />
          <Skeleton height={160} />
        </main>
      </div>
    </div>
  );
}

/** Everything behind login: checks the session, then renders the shell. */
export default function AppLayoutRoute() {
  const location = useLocation();
  const signedIn = maybeSignedIn();
  const me = useMe({ enabled: signedIn });

  if (!signedIn) return <Navigate to={paths.login(location.pathname + location.search)} replace />;
  if (me.isPending) return <ShellSkeleton />;
  if (me.isError) {
    // 401 is already being redirected to the login page by the query client.
    if (isApiError(me.error) && me.error.status === 401) return <ShellSkeleton />;
    if (isApiError(me.error) && me.error.status === 403) return <NoTenant />;
    return (
      <div className="auth-page">
        <main className="auth-main" id="main">
          <div className="auth-card">
            <ErrorState error={me.error} what="your workspace" onRetry={() => void me.refetch()} retrying={me.isFetching} />
          </div>
        </main>
      </div>
    );
  }
  return (
    <AppShell me={me.data}>
      <Outlet />
    </AppShell>
  );
}
