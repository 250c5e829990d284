import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { AuthLayout } from "../../components/layout/auth-layout";
import { Button } from "../../components/ui/button";
import { paths } from "../../lib/paths";

function isChunkLoadError(error: unknown) {
  return error instanceof Error && /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(error.message);
}

/** The last line of defence when a page crashes or its code can't be loaded. */
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
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <AuthLayout
      title={notFound ? "Page not found" : "Something went wrong"}
      subtitle={notFound ? "This page doesn't exist." : "This page ran into a problem. Reloading usually fixes it."}
    >
      <div className="form-actions">
        <Link to={paths.overview} className="btn btn-secondary">
          Go to overview
        </Link>
        {!notFound && (
          <Button variant="primary" onClick={() => window.location.reload()}>
            Reload
          </Button>
        )}
      </div>
    </AuthLayout>
  );
}
