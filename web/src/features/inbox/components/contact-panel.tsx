import { Link } from "react-router";
import { Badge } from "../../../components/ui/badge";
import { Skeleton } from "../../../components/ui/skeleton";
import { ErrorState } from "../../../components/ui/states";
import { BanIcon } from "../../../components/ui/icons";
import { useContact } from "../../contacts/api/get-contact";
import { useCustomFields } from "../../contacts/api/list-custom-fields";
import { contactLabel } from "../../contacts/api/types";
import { LeadQualification } from "../../contacts/components/lead-qualification";
import { ContactBookings } from "../../bookings/components/contact-bookings";

export function ContactPanel({ contactId, backHref }: { contactId: string; backHref: string }) {
  const contact = useContact(contactId);
  const fields = useCustomFields();
  const c = contact.data;
  return (
    <aside className="inbox-contact" aria-label="Contact">
      <Link to={backHref} className="btn btn-ghost btn-sm pane-back">
        ← Conversation
      </Link>
      {contact.isPending ? (
        <div className="stack" role="status" aria-label="Loading contact">
          <Skeleton width="60%" height={20} />
          <Skeleton width="80%" />
          <Skeleton width="40%" />
        </div>
      ) : contact.isError ? (
        <ErrorState error={contact.error} what="the contact" onRetry={() => void contact.refetch()} retrying={contact.isFetching} />
      ) : c ? (
        <div className="stack">
          <div>
            <h2 className="card-title">{contactLabel(c)}</h2>
            <p className="muted small">{c.phone}</p>
          </div>
          {c.optedOut && (
            <Badge tone="danger" icon={<BanIcon size={14} />}>
              Opted out of marketing
            </Badge>
          )}
          <dl className="kv">
            <dt>Stage</dt>
            <dd>{c.stage}</dd>
            <dt>Email</dt>
            <dd>{c.email ?? <span className="muted">Not known</span>}</dd>
            <dt>Tags</dt>
            <dd>{c.tags.length ? <span className="tag-list">{c.tags.map((t) => <Badge key={t}>{t}</Badge>)}</span> : <span className="muted">None</span>}</dd>
            {Object.entries(c.customFields).map(([key, value]) => (
              <FieldRow key={key} label={fields.data?.data.find((f) => f.key === key)?.label ?? key} value={value} />
            ))}
          </dl>
          <LeadQualification contactId={c.id} />
          <ContactBookings contactId={c.id} contactName={contactLabel(c)} />
          <Link to={`/contacts/${encodeURIComponent(c.id)}`}>Open the contact page</Link>
        </div>
      ) : null}
    </aside>
  );
}

function FieldRow({ label, value }: { label: string; value: unknown }) {
  const text = value === null || value === undefined ? "—" : typeof value === "boolean" ? (value ? "Yes" : "No") : String(value);
  return (
    <>
      <dt>{label}</dt>
      <dd>{text}</dd>
    </>
  );
}
