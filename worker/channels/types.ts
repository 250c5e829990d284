// The provider-neutral shapes the rest of Parley sees. Provider payloads are
// parsed into these inside worker/channels/ and never leak further.

export type InboundMessageType =
  | "text"
  | "image"
  | "audio"
  | "video"
  | "document"
  | "sticker"
  | "location"
  | "interactive"
  | "button"
  | "reaction"
  | "contacts"
  | "unsupported";

export interface InboundMessage {
  kind: "message";
  /** Provider's id for the message (Meta wamid, WAHA message id). */
  providerMessageId: string;
  /**
   * The customer's address: their WhatsApp id, digits only, no '+' (Meta wa_id /
   * WAHA number); for a Meta user who hides their number behind a username, their
   * business-scoped user id ("US.1349…"), which replies can be sent to as well.
   */
  from: string;
  /** Meta business-scoped user id (`user_id` / `from_user_id`), when Meta sent one. */
  userId?: string;
  /** Meta username ("@name"), when the user adopted one. */
  username?: string;
  profileName: string | null;
  /** Provider's timestamp of the message, epoch milliseconds. */
  timestamp: number;
  type: InboundMessageType;
  /** Human-readable text: body, caption, button/list title, reaction emoji, location name. */
  text: string | null;
  media?: { id?: string; url?: string; mimeType?: string; sha256?: string; filename?: string; voice?: boolean };
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  interactive?: { kind: "button_reply" | "list_reply" | "template_button"; id: string; title: string; description?: string };
  reaction?: { messageId: string; emoji: string | null };
  /**
   * What the message replies to (`messageId`, a provider id; `alsoMessageIds`: other spellings the
   * provider may have stored it under) and whether it was forwarded.
   */
  context?: { messageId?: string; alsoMessageIds?: string[]; forwarded?: boolean };
  errors?: ProviderError[];
  /** Meta: metadata.phone_number_id of the business number it was sent to. */
  businessPhoneNumberId?: string;
  /** WAHA: the chat the message belongs to ("…@c.us" or "…@lid"); replies go to it. */
  chatId?: string;
  /** WAHA: the customer's privacy id (the digits of "…@lid") when WhatsApp hid their number; `from` is then "<lid>@lid". */
  lid?: string;
  /** WAHA: the customer's phone number (digits) when the engine sent it beside their LID. */
  lidPhone?: string;
  /**
   * The business wrote this itself, from the phone (WAHA `fromMe`, Meta message
   * echoes); `from` is still the customer. Never answered, never counted as unread.
   */
  fromBusiness?: boolean;
}

export type DeliveryStatus = "sent" | "delivered" | "read" | "played" | "failed";

export interface InboundStatus {
  kind: "status";
  /** The id the provider gave our outbound message. */
  providerMessageId: string;
  status: DeliveryStatus;
  timestamp: number;
  /** Customer's WhatsApp id, digits only. */
  recipient: string;
  error?: ProviderError;
  businessPhoneNumberId?: string;
  /** The reference Parley sent the message with, echoed back (Meta: biz_opaque_callback_data): our message id. */
  reference?: string;
}

export interface ChannelStateEvent {
  kind: "channel_state";
  state: "STOPPED" | "STARTING" | "SCAN_QR_CODE" | "WORKING" | "FAILED";
  timestamp: number;
}

/**
 * The provider says something about the channel's health (Meta: account_update,
 * phone_number_quality_update). `problem` null: that area is healthy again.
 */
export interface ChannelHealthEvent {
  kind: "channel_health";
  area: "account" | "quality";
  /** blocking: the number cannot send any more (disabled, deleted); otherwise it still sends. */
  problem: { blocking: boolean; reason: string } | null;
  /** Meta: the WhatsApp Business Account the change is about (entry.id). */
  wabaId?: string;
  /** Meta: the number a quality change is about, digits only. */
  displayPhoneNumber?: string;
  timestamp: number;
}

/** Meta changed a template: its review status, quality rating or category. Only the fields sent are set. */
export interface TemplateUpdateEvent {
  kind: "template_update";
  providerTemplateId?: string;
  name?: string;
  language?: string;
  /** Lowercase, as Parley stores it (approved, rejected, paused…). */
  status?: string;
  /** green, yellow, red or unknown. */
  quality?: string;
  /** marketing, utility or authentication. */
  category?: string;
  /** Why (a rejection's reason and Meta's recommendation), when Meta said. */
  reason?: string | null;
  timestamp: number;
}

export type InboundEvent = InboundMessage | InboundStatus | ChannelStateEvent | ChannelHealthEvent | TemplateUpdateEvent;

export interface ProviderError {
  code: number;
  title: string;
  message?: string;
  details?: string;
}

/**
 * Meta media ids already uploaded from one channel's number, by the file's
 * SHA-256 (worker/media/meta-ids.ts keeps them in D1). Reads and writes never
 * fail a send: a lookup that fails is a miss.
 */
export interface MetaMediaIdCache {
  get(sha256: string): Promise<string | null>;
  put(sha256: string, mediaId: string): Promise<void>;
  /** Meta no longer takes this id: forget it (only if it is still the one stored). */
  drop(sha256: string, mediaId: string): Promise<void>;
}

export type OutboundMessage = (
  | { type: "text"; to: string; text: string; previewUrl?: boolean; replyTo?: string }
  | {
      type: "template";
      to: string;
      name: string;
      language: string;
      /** Meta template components, passed through as given. */
      components?: unknown[];
      /** The file of an image, video or document header: uploaded, then named in the header's parameter. */
      headerFile?: { mediaType: "image" | "video" | "document"; mimeType: string; fileName: string; bytes: ArrayBuffer; sha256?: string | null };
    }
  | {
      type: "buttons";
      to: string;
      body: string;
      buttons: { id: string; title: string }[];
      header?: string;
      footer?: string;
    }
  | {
      type: "list";
      to: string;
      body: string;
      button: string;
      sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
      header?: string;
      footer?: string;
    }
  | {
      /** A file: uploaded to Meta's media endpoint then sent by id; WAHA gets the bytes inline. */
      type: "media";
      to: string;
      mediaType: "image" | "sticker" | "audio" | "video" | "document";
      mimeType: string;
      fileName: string;
      bytes: ArrayBuffer;
      caption?: string | null;
      /** Hex SHA-256 of the bytes: the key of a Meta media id uploaded before. */
      sha256?: string | null;
    }
) & {
  /** Echoed back in the provider's status webhooks where supported (Meta), so a send whose result was lost can be matched. */
  reference?: string;
};

export type SendResult =
  | { ok: true; providerMessageId: string }
  | {
      ok: false;
      /** Worth retrying later (throttling, transient provider or network errors). */
      retryable: boolean;
      code: string;
      title: string;
      detail?: string;
      /** The 24-hour customer-service window is closed (Meta 131047). */
      windowClosed?: boolean;
      /** Credentials are invalid or expired (Meta 190): the channel needs attention. */
      authFailed?: boolean;
      /** Provider-suggested wait before retrying, when known. */
      retryAfterMs?: number;
      /** The request may have reached the provider (no answer in time): it may have been accepted. */
      outcomeUnknown?: boolean;
    };

export type Fetcher = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
