// Builds the sending client for a stored channel: Meta Graph API, WAHA, or the
// built-in sandbox (which delivers to nobody and reports success).
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";
import { metaClient } from "./meta";
import { channelSecrets, type ChannelRow, channelGraphBaseUrl } from "./store";
import type { Fetcher, OutboundMessage, SendResult } from "./types";
import { wahaClient } from "./waha";
import { metaMediaIdCache } from "../media/meta-ids";

export interface ChannelClient {
  send(msg: OutboundMessage): Promise<SendResult>;
}

const sandboxClient: ChannelClient = {
  async send() {
    return { ok: true, providerMessageId: `sandbox.${newId("message")}` };
  },
};

export async function clientFor(ctx: Ctx, channel: ChannelRow, fetcher: Fetcher = fetch): Promise<ChannelClient> {
  if (channel.type === "sandbox") return sandboxClient;
  const secrets = await channelSecrets(ctx, channel);
  if (channel.type === "meta") {
    return metaClient(
      { graphBaseUrl: channelGraphBaseUrl(ctx, channel), phoneNumberId: channel.phoneNumberId!, accessToken: secrets.accessToken ?? "" },
      fetcher,
      metaMediaIdCache(ctx, { tenantId: channel.tenantId, channelId: channel.id, phoneNumberId: channel.phoneNumberId! }),
    );
  }
  return wahaClient({ baseUrl: channel.baseUrl!, session: channel.session ?? "default", apiKey: secrets.apiKey ?? "" }, fetcher);
}
