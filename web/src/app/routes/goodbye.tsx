import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useSearchParams } from "react-router";
import { AuthLayout } from "../../components/layout/auth-layout";
import { paths } from "../../lib/paths";

/** After the last workspace (or the account) is deleted: signed out, with a word on what happens to the data. */
export default function GoodbyeRoute() {
  const [params] = useSearchParams();
  const workspace = params.get("workspace");
  const account = params.get("account") === "deleted";
  const qc = useQueryClient();
  // Arrived signed out: nothing of the workspace stays cached in this tab.
  useEffect(() => {
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== "config" });
  }, [qc]);
  return (
    <AuthLayout
      title="Goodbye"
      subtitle={workspace ? `${workspace} is deleted${account ? ", and so is your account" : ""}.` : account ? "Your account is deleted." : "You're signed out."}
      footer={
        <>
          <Link to={paths.signup}>Start a new business</Link> · <Link to={paths.login()}>Log in</Link>
        </>
      }
    >
      <div className="stack">
        {workspace && <p>Nobody can reach it any more. Its messages, contacts, files and settings are erased in the background, usually within the hour.</p>}
        <p className="muted">Thank you for using Parley.</p>
      </div>
    </AuthLayout>
  );
}
