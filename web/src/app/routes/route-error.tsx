import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { AuthLayout } from "../../components/layout/auth-layout";
import { Button } from "../../components/ui/button";
import { isChunkLoadError } from "../../lib/error-reporting";
import { paths } from "../../lib/paths";
import { CrashFallback } from "../crash-fallback";

/** When a page crashes or its code can't be loaded (the crash itself is reported by main.tsx's onCaughtError). */
export function RouteError() {
  const error = useRouteError();
  if (isChunkLoadError(error)) {
    return (
      <AuthLayout title="Parley has been updated" subtitle="Reload the page to get the latest version. If you're offline, reconnect first.">
        <Button variant="primary" className="btn-block" onClick={() => window.location.reload()}>
          Reload the page
        </Button>
      </AuthLayout>
    );
  }
  if (!(isRouteErrorResponse(error) && error.status === 404)) return <CrashFallback />;
  return (
    <AuthLayout title="Page not found" subtitle="This page doesn't exist.">
      <div className="form-actions">
        <Link to={paths.overview} className="btn btn-secondary">
          Go to overview
        </Link>
      </div>
    </AuthLayout>
  );
}
