import { Link } from "react-router";
import { PageHeader } from "../../../components/layout/page-header";
import { Badge } from "../../../components/ui/badge";
import { Card } from "../../../components/ui/card";
import { ExternalIcon, KeyIcon, UsersIcon } from "../../../components/ui/icons";
import { useSession } from "../../../features/auth/hooks";
import { canManageApiKeys, canManageTeam, roleDescription } from "../../../lib/authorization";
import { formatDate, roleLabel } from "../../../lib/format";
import { paths } from "../../../lib/paths";
import { AnalyticsHome } from "../../../features/analytics/components/analytics-home";

export default function OverviewRoute() {
  const { user, tenant, role } = useSession();
  const firstName = user.name?.trim().split(/\s+/)[0] || user.email;
  return (
    <>
      <PageHeader title={`Welcome, ${firstName}`} description={`How ${tenant.name} is doing: what the assistant and your team handled, and what to teach next.`} />
      <AnalyticsHome canTeach={role === "owner" || role === "admin"} />
      <div className="grid-2">
        <Card title="Your business">
          <dl className="details">
            <div>
              <dt>Business</dt>
              <dd>{tenant.name}</dd>
            </div>
            <div>
              <dt>Your role</dt>
              <dd>
                <Badge tone={role === "agent" ? "neutral" : "accent"}>{roleLabel[role]}</Badge>
                <span className="muted small details-note">{roleDescription[role]}</span>
              </dd>
            </div>
            <div>
              <dt>Plan</dt>
              <dd className="capitalize">{tenant.plan}</dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{formatDate(tenant.createdAt)}</dd>
            </div>
          </dl>
        </Card>
        <Card title="Next steps">
          <ul className="link-list">
            <li>
              <Link to={paths.team} className="link-row">
                <UsersIcon />
                <span>
                  <span className="link-row-title">{canManageTeam(role) ? "Invite your team" : "See your team"}</span>
                  <span className="link-row-text">
                    {canManageTeam(role) ? "Create an invitation link for each colleague and choose their role." : "See who else works in this business."}
                  </span>
                </span>
              </Link>
            </li>
            {canManageApiKeys(role) && (
              <li>
                <Link to={paths.apiKeys} className="link-row">
                  <KeyIcon />
                  <span>
                    <span className="link-row-title">Connect your own tools</span>
                    <span className="link-row-text">Create an API key so your software can work with Parley.</span>
                  </span>
                </Link>
              </li>
            )}
            <li>
              <a href={paths.apiReference} className="link-row" target="_blank" rel="noreferrer">
                <ExternalIcon />
                <span>
                  <span className="link-row-title">
                    API reference <span className="visually-hidden">(opens in a new tab)</span>
                  </span>
                  <span className="link-row-text">For developers: every API route, described in OpenAPI format.</span>
                </span>
              </a>
            </li>
          </ul>
        </Card>
      </div>
    </>
  );
}
