import { Link } from "react-router";
import { PageHeader } from "../../../components/layout/page-header";
import { Card } from "../../../components/ui/card";
import { ExternalIcon, KeyIcon } from "../../../components/ui/icons";
import { useSession } from "../../../features/auth/hooks";
import { DeadLettersCard } from "../../../features/dead-letters/components/dead-letters-card";
import { EndpointsCard } from "../../../features/webhooks/components/endpoints-card";
import { canManageApiKeys } from "../../../lib/authorization";
import { paths } from "../../../lib/paths";

export default function DevelopersRoute() {
  const { role } = useSession();
  const admin = canManageApiKeys(role);
  return (
    <>
      <PageHeader title="Developers" description="Connect your own software to Parley: webhooks tell it what happens, the API lets it act." />
      <Card title="Build with Parley">
        <ul className="link-list">
          <li>
            <a className="link-row" href={paths.apiReference} target="_blank" rel="noreferrer">
              <ExternalIcon />
              <span>
                <span className="link-row-title">API reference</span>
                <span className="link-row-text">Every endpoint, with examples. Opens in a new tab.</span>
              </span>
            </a>
          </li>
          {admin && (
            <li>
              <Link className="link-row" to={paths.apiKeys}>
                <KeyIcon />
                <span>
                  <span className="link-row-title">API keys</span>
                  <span className="link-row-text">Create and revoke the keys your software signs in with.</span>
                </span>
              </Link>
            </li>
          )}
        </ul>
      </Card>
      {admin ? <EndpointsCard /> : <Card title="Webhooks"><p className="muted">Only owners and admins can manage webhooks.</p></Card>}
      {admin && <DeadLettersCard />}
    </>
  );
}
