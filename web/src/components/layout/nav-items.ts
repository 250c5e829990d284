import type { ComponentType } from "react";
import { canManageApiKeys, canManageTeam } from "../../lib/authorization";
import { paths } from "../../lib/paths";
import type { Role } from "../../types/api";
import { CodeIcon, ContactsIcon, HomeIcon, InboxIcon, KeyIcon, MailIcon, UsersIcon } from "../ui/icons";
import { BotIcon } from "../../features/bot/icon";
import { ChannelIcon } from "../../features/channels/icon";
import { CreditsIcon } from "../../features/credits/icon";
import { CampaignIcon } from "../../features/campaigns/icon";
import { TemplateIcon } from "../../features/templates/icon";
import { QuickReplyIcon } from "../../features/quick-replies/icon";
import { AuditIcon } from "../../features/audit-log/icon";

export interface NavItem {
  to: string;
  label: string;
  icon: ComponentType<{ size?: number }>;
  end?: boolean;
  visible?: (role: Role) => boolean;
}

// Only pages that exist. New pages join this list together with their API.
export const NAV_ITEMS: NavItem[] = [
  { to: paths.overview, label: "Overview", icon: HomeIcon, end: true },
  { to: paths.inbox, label: "Inbox", icon: InboxIcon },
  { to: paths.contacts, label: "Contacts", icon: ContactsIcon },
  { to: paths.campaigns, label: "Campaigns", icon: CampaignIcon },
  { to: paths.templates, label: "Templates", icon: TemplateIcon },
  { to: paths.quickReplies, label: "Quick replies", icon: QuickReplyIcon },
  { to: paths.bot, label: "Bot studio", icon: BotIcon },
  { to: paths.channels, label: "Channels", icon: ChannelIcon },
  { to: paths.credits, label: "Credits", icon: CreditsIcon },
  { to: paths.team, label: "Team", icon: UsersIcon },
  { to: paths.apiKeys, label: "API keys", icon: KeyIcon, visible: canManageApiKeys },
  { to: paths.developers, label: "Developers", icon: CodeIcon },
  { to: paths.emails, label: "Emails", icon: MailIcon, visible: canManageTeam },
  { to: paths.auditLog, label: "Audit log", icon: AuditIcon, visible: canManageTeam },
];

export const navItemsFor = (role: Role) => NAV_ITEMS.filter((item) => !item.visible || item.visible(role));
