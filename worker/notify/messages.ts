// The words of every email Parley sends: plain text, short, with the one link
// that lets the reader act.
import type { Config } from "../env";

const base = (config: Config) => config.PUBLIC_URL.replace(/\/$/, "");
const hello = (name: string | null) => (name ? `Hi ${name},` : "Hi,");
const SIGNATURE = "\n\n— Parley";

export function channelAlertEmail(config: Config, input: { recipientName: string | null; tenantName: string; channelName: string; blocking: boolean; reason: string }) {
  const subject = input.blocking ? `${input.channelName} stopped working` : `${input.channelName} needs attention`;
  const text = [
    hello(input.recipientName),
    "",
    input.blocking
      ? `The WhatsApp channel "${input.channelName}" of ${input.tenantName} stopped working. Customers' messages may not be answered until it is fixed.`
      : `The WhatsApp channel "${input.channelName}" of ${input.tenantName} needs attention.`,
    "",
    input.reason,
    "",
    `Open Channels to fix it: ${base(config)}/channels`,
  ].join("\n");
  return { subject, text: text + SIGNATURE };
}

export function conversationAssignedEmail(config: Config, input: { recipientName: string | null; tenantName: string; contactName: string; assignedBy: string | null; conversationId: string }) {
  const by = input.assignedBy ? `${input.assignedBy} assigned` : "Parley assigned";
  const subject = `Conversation with ${input.contactName} assigned to you`;
  const text = [
    hello(input.recipientName),
    "",
    `${by} the conversation with ${input.contactName} (${input.tenantName}) to you.`,
    "",
    `Open it: ${base(config)}/inbox?c=${encodeURIComponent(input.conversationId)}`,
  ].join("\n");
  return { subject, text: text + SIGNATURE };
}

export function invitationEmail(config: Config, input: { tenantName: string; invitedBy: string | null; role: string; url: string; expiresAt: number }) {
  const subject = `You're invited to ${input.tenantName} on Parley`;
  const text = [
    "Hi,",
    "",
    `${input.invitedBy ?? "A team member"} invited you to join ${input.tenantName} on Parley as ${input.role === "admin" ? "an admin" : `an ${input.role}`}.`,
    "",
    `Accept the invitation: ${input.url}`,
    "",
    `The link works once and expires on ${new Date(input.expiresAt).toUTCString()}. If you did not expect it, ignore this email.`,
  ].join("\n");
  return { subject, text: text + SIGNATURE };
}

export function passwordResetEmail(config: Config, input: { recipientName: string | null; token: string; expiresInMinutes: number }) {
  const subject = "Reset your Parley password";
  const text = [
    hello(input.recipientName),
    "",
    "Someone asked to reset the password of your Parley account. To choose a new one, open this link:",
    "",
    `${base(config)}/reset-password/${encodeURIComponent(input.token)}`,
    "",
    `It works once and expires in ${input.expiresInMinutes} minutes. If you did not ask for it, ignore this email: your password stays the same.`,
  ].join("\n");
  return { subject, text: text + SIGNATURE };
}
