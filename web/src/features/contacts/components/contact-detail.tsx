import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { PageHeader } from "../../../components/layout/page-header";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { BanIcon } from "../../../components/ui/icons";
import { Skeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { formatDate, formatRelative } from "../../../lib/format";
import { toast } from "../../../lib/toast";
import { useContact } from "../api/get-contact";
import { useContactConversations } from "../api/list-contact-conversations";
import { useCustomFields } from "../api/list-custom-fields";
import { contactLabel } from "../api/types";
import { ContactBookings } from "../../bookings/components/contact-bookings";
import { EditContactButton } from "./contact-edit-form";
import { DeleteContactDialog } from "./delete-contact-dialog";
import { LeadQualification } from "./lead-qualification";
import { ContactTimeline } from "./contact-timeline";
import { useSession } from "../../auth/hooks";
import { canManageCustomFields } from "../permissions";
import { paths } from "../../../lib/paths";

function Conversations({ contactId }: { contactId: string }) {
  const list = useContactConversations(contactId);
  if (list.isPending) return <Skeleton height={40} />;
  if (list.isError) return <ErrorState error={list.error} what="conversations" onRetry={() => void list.refetch()} retrying={list.isFetching} />;
  if (list.data.data.length === 0) return <EmptyState title="No conversations yet">When this contact writes to you, the conversation shows here.</EmptyState>;
  return (
    <ul className="link-list">
      {list.data.data.map((c) => (
        <li key={c.id}>
          <Link className="link-row" to={`/inbox?c=${encodeURIComponent(c.id)}${c.status === "closed" ? "&status=closed" : ""}`}>
            <span>
              <span className="link-row-title">{c.lastMessagePreview ?? "Conversation"}</span>
              <span className="link-row-text">
                {c.status === "closed" ? "Closed" : "Open"} · {c.mode === "bot" ? "bot" : "human"} · {c.lastMessageAt ? formatRelative(c.lastMessageAt) : `started ${formatDate(c.createdAt)}`}
              </span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function ContactDetail({ id }: { id: string }) {
  const contact = useContact(id);
  const fields = useCustomFields();
  const { role } = useSession();
  const navigate = useNavigate();
  const [erasing, setErasing] = useState(false);
  const c = contact.data;
  const back = (
    <p className="breadcrumb">
      <Link to="/contacts">← Contacts</Link>
    </p>
  );
  if (contact.isPending)
    return (
      <>
        {back}
        <PageHeader title="Contact" />
        <Card>
          <div role="status" aria-label="Loading contact" className="stack">
            <Skeleton width="40%" height={20} />
            <Skeleton width="70%" />
          </div>
        </Card>
      </>
    );
  if (contact.isError || !c)
    return (
      <>
        {back}
        <PageHeader title="Contact" />
        <Card>
          <ErrorState error={contact.error} what="this contact" onRetry={() => void contact.refetch()} retrying={contact.isFetching} />
        </Card>
      </>
    );
  const definitions = fields.data?.data ?? [];
  return (
    <>
      {back}
      <PageHeader
        title={contactLabel(c)}
        description={c.phone}
        actions={
          <>
            <EditContactButton contact={c} />
            <a className="btn btn-secondary" href={`/api/contacts/${encodeURIComponent(c.id)}/export`} download={`contact-${c.id}.json`}>
              Export data
            </a>
            <Button variant="danger" onClick={() => setErasing(true)}>
              Erase contact
            </Button>
          </>
        }
      />
      <div className="detail-grid">
        <Card title="Details">
          <dl className="kv">
            <dt>Phone</dt>
            <dd>{c.phone}</dd>
            <dt>Time zone</dt>
            <dd>
              {c.timeZoneEffective ? (
                <>
                  {c.timeZoneEffective.replace(/_/g, " ")} <span className="muted">({c.timeZone ? "set for this contact" : "from the number"})</span>
                </>
              ) : (
                <span className="muted">Not known: campaign quiet hours use the campaign's time zone</span>
              )}
            </dd>
            <dt>Email</dt>
            <dd>{c.email ?? <span className="muted">Not known</span>}</dd>
            <dt>Stage</dt>
            <dd>{c.stage}</dd>
            <dt>Marketing</dt>
            <dd>
              {c.optedOut ? (
                <Badge tone="danger" icon={<BanIcon size={14} />}>
                  Opted out {c.optedOutAt ? formatDate(c.optedOutAt) : ""}
                </Badge>
              ) : (
                "Subscribed"
              )}
            </dd>
            <dt>Tags</dt>
            <dd>{c.tags.length ? <span className="tag-list">{c.tags.map((t) => <Badge key={t}>{t}</Badge>)}</span> : <span className="muted">None</span>}</dd>
            <dt>Added</dt>
            <dd>{formatDate(c.createdAt)}</dd>
          </dl>
        </Card>
        <Card title="Custom fields" actions={canManageCustomFields(role) && definitions.length > 0 ? <Link to={paths.contactFields}>Manage fields</Link> : undefined}>
          {definitions.length === 0 && Object.keys(c.customFields).length === 0 ? (
            <p className="muted">
              No custom fields yet.{" "}
              {canManageCustomFields(role) ? (
                <>
                  <Link to={paths.contactFields}>Add fields</Link> to capture things like budget or preferred area.
                </>
              ) : (
                "Owners and admins can add fields, under Contacts › Manage fields, to capture things like budget or preferred area."
              )}
            </p>
          ) : (
            <dl className="kv">
              {(definitions.length ? definitions.map((d) => [d.key, d.label] as const) : Object.keys(c.customFields).map((k) => [k, k] as const)).map(([key, label]) => {
                const v = c.customFields[key];
                return (
                  <div key={key} className="kv-row">
                    <dt>{label}</dt>
                    <dd>{v === undefined || v === null ? <span className="muted">—</span> : typeof v === "boolean" ? (v ? "Yes" : "No") : String(v)}</dd>
                  </div>
                );
              })}
            </dl>
          )}
        </Card>
      </div>
      <div className="detail-grid">
        <Card>
          <LeadQualification contactId={c.id} headingLevel={2} />
        </Card>
        <Card>
          <ContactBookings contactId={c.id} contactName={contactLabel(c)} headingLevel={2} />
        </Card>
      </div>
      <Card title="Conversations">
        <Conversations contactId={c.id} />
      </Card>
      <Card title="Timeline">
        <ContactTimeline contactId={c.id} />
      </Card>
      {erasing && (
        <DeleteContactDialog
          contact={c}
          onClose={() => setErasing(false)}
          onDeleted={() => {
            toast({ tone: "success", title: "Contact erased", description: "Their personal data and messages are gone." });
            void navigate("/contacts", { replace: true });
          }}
        />
      )}
    </>
  );
}
