import { Badge } from "../../../components/ui/badge";
import { AlertIcon, BanIcon, CheckIcon } from "../../../components/ui/icons";
import type { WebhookEndpoint } from "../api/types";

const DISABLED: Record<NonNullable<WebhookEndpoint["disabledReason"]>, string> = {
  manual: "Disabled",
  gone: "Disabled: endpoint answered 410 Gone",
  failing: "Disabled: kept failing",
};

export function EndpointStatus({ endpoint }: { endpoint: WebhookEndpoint }) {
  if (!endpoint.enabled) return <Badge icon={<BanIcon size={14} />}>{DISABLED[endpoint.disabledReason ?? "manual"]}</Badge>;
  if (endpoint.failingSince) return <Badge tone="warning" icon={<AlertIcon size={14} />}>Failing</Badge>;
  return <Badge tone="success" icon={<CheckIcon size={14} />}>Enabled</Badge>;
}

export const eventsLabel = (events: string[]) => (events.includes("*") ? "All events" : events.length === 1 ? events[0]! : `${events.length} events`);
