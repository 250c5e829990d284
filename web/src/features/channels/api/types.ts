// Shapes of the channels API: the OpenAPI document's (worker/routes/channels.ts).
import type { RequestBody, Schema } from "../../../api";

export type Channel = Schema<"Channel">;
export type ChannelType = Channel["type"];
export type ChannelStatus = Channel["status"];
export type CreateChannelInput = RequestBody<"/api/channels", "post">;
export type UpdateChannelInput = RequestBody<"/api/channels/{id}", "patch">;

export const channelsKey = ["channels"] as const;
