import { useParams } from "react-router";
import { EndpointDetail } from "../../../features/webhooks/components/endpoint-detail";

export default function WebhookEndpointRoute() {
  const { id = "" } = useParams();
  return <EndpointDetail id={id} />;
}
