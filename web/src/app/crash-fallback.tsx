import { AuthLayout } from "../components/layout/auth-layout";
import { Button } from "../components/ui/button";
import { paths } from "../lib/paths";

/**
 * What a page that crashed shows instead: what happened, a reload, and a way
 * back to the inbox. The link is a plain one (a full page load), so it works
 * even when the crash left the app's own navigation broken.
 */
export function CrashFallback() {
  return (
    <AuthLayout
      title="Something went wrong"
      subtitle="This page ran into a problem and couldn't be shown. Nothing you saved is lost: reloading usually fixes it."
    >
      <div className="form-actions">
        <a href={paths.inbox} className="btn btn-secondary">
          Back to the inbox
        </a>
        <Button variant="primary" onClick={() => window.location.reload()}>
          Reload
        </Button>
      </div>
    </AuthLayout>
  );
}
