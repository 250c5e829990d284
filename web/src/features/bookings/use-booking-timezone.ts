import { useBotSettings } from "../bot/api/get-bot-settings";

/** The availability's time zone, once the bot settings are known (every member can read them). */
export function useBookingTimezone(): string | undefined {
  const settings = useBotSettings();
  return settings.data?.booking?.timezone;
}
