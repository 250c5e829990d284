import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { botSettingsKey, type BotSettings } from "./types";

export const getBotSettings = (signal?: AbortSignal) => api.get<BotSettings>("/api/bot-settings", { signal });

export const botSettingsQueryOptions = () => queryOptions({ queryKey: botSettingsKey, queryFn: ({ signal }) => getBotSettings(signal) });

export const useBotSettings = () => useQuery(botSettingsQueryOptions());
