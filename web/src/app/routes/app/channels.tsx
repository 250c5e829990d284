import { useState } from "react";
import { PageHeader } from "../../../components/layout/page-header";
import { Button } from "../../../components/ui/button";
import { PlusIcon } from "../../../components/ui/icons";
import { useSession } from "../../../features/auth/hooks";
import { ChannelsList } from "../../../features/channels/components/channels-list";
import { ConnectChannelDialog } from "../../../features/channels/components/connect-channel-dialog";
import { canManageChannels } from "../../../features/channels/permissions";
import "../../../features/channels/channels.css";

export default function ChannelsRoute() {
  const { role } = useSession();
  const manage = canManageChannels(role);
  const [connecting, setConnecting] = useState<"meta" | "waha" | null>(null);
  return (
    <>
      <PageHeader
        title="Channels"
        description="The WhatsApp numbers Parley answers on."
        actions={
          manage && (
            <>
              <Button onClick={() => setConnecting("waha")}>Connect WAHA</Button>
              <Button variant="primary" icon={<PlusIcon />} onClick={() => setConnecting("meta")}>
                Connect a Meta number
              </Button>
            </>
          )
        }
      />
      <ChannelsList canManage={manage} onConnect={setConnecting} />
      <ConnectChannelDialog type={connecting} onClose={() => setConnecting(null)} />
    </>
  );
}
