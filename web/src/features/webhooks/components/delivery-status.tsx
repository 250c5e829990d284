import { Badge } from "../../../components/ui/badge";
import { AlertIcon, CheckIcon } from "../../../components/ui/icons";
import type { WebhookDelivery } from "../api/types";

export function DeliveryStatus({ status }: { status: WebhookDelivery["status"] }) {
  if (status === "succeeded") return <Badge tone="success" icon={<CheckIcon size={14} />}>Delivered</Badge>;
  if (status === "failed") return <Badge tone="danger" icon={<AlertIcon size={14} />}>Failed</Badge>;
  return <Badge tone="warning">Pending</Badge>;
}
