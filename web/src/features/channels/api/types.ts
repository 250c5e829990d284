// Shapes of the channels API, mirroring worker/routes/channels.ts.
export type ChannelType = "meta" | "waha" | "sandbox";
export type ChannelStatus = "connected" | "needs_attention" | "disconnected";

export interface Channel {
  id: string;
  type: ChannelType;
  name: string;
  status: ChannelStatus;
  attentionReason: string | null;
  phoneNumber: string | null;
  phoneNumberId: string | null;
  wabaId: string | null;
  baseUrl: string | null;
  session: string | null;
  webhookUrl: string | null;
  /** Meta only: what Meta's webhook handshake must send. */
  verifyToken?: string | null;
  /** Meta only: the business name Meta shows for the number. */
  verifiedName?: string | null;
  /** Meta only: the Graph API version the channel uses. */
  graphApiVersion?: string | null;
  createdAt: string;
  updatedAt: string;
}

export type CreateChannelInput =
  | { type: "meta"; name: string; phoneNumberId: string; wabaId?: string; phoneNumber?: string; accessToken: string; appSecret: string; graphApiVersion?: string }
  | { type: "waha"; name: string; baseUrl: string; session?: string; phoneNumber?: string; apiKey: string; webhookSecret: string };

export interface UpdateChannelInput {
  name?: string;
  phoneNumber?: string;
  wabaId?: string;
  baseUrl?: string;
  session?: string;
  accessToken?: string;
  appSecret?: string;
  apiKey?: string;
  webhookSecret?: string;
  graphApiVersion?: string | null;
}

export const channelsKey = ["channels"] as const;
