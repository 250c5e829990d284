import { useQuery } from "@tanstack/react-query";
import { Link, useLocation } from "react-router";
import { AlertIcon } from "../../../components/ui/icons";
import { paths } from "../../../lib/paths";
import { channelsQueryOptions } from "../api/list-channels";
import "../../credits/banner.css";

/**
 * Across the app: every channel that needs attention, with Meta's or WAHA's
 * reason, until it is resolved. Read every 30 seconds and when the window
 * regains focus, so a fix made elsewhere clears it.
 */
export function ChannelAlertBanner() {
  const { data } = useQuery({ ...channelsQueryOptions(), refetchInterval: 30_000 });
  const { pathname } = useLocation();
  const flagged = (data?.data ?? []).filter((c) => c.status === "needs_attention");
  if (!flagged.length) return null;
  return (
    <div className="credit-banner credit-banner-empty channel-alert-banner" role="alert" aria-label="Channels that need attention">
      <AlertIcon size={18} />
      <div>
        {flagged.map((c) => (
          <p key={c.id}>
            <strong>{c.name} needs attention.</strong> {c.attentionReason ?? "It stopped working."}
          </p>
        ))}
        {pathname !== paths.channels && (
          <p>
            <Link to={paths.channels}>Fix it in Channels</Link>
          </p>
        )}
      </div>
    </div>
  );
}
