import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { botSettingsKey, type BotSettings, type BotSettingsPatch } from "./types";

/** Nested objects merge with what is stored, so a form sends only its own section. */
export const updateBotSettings = (patch: BotSettingsPatch) => api.patch<BotSettings>("/api/bot-settings", patch);

export function useUpdateBotSettings() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateBotSettings, onSuccess: (saved) => qc.setQueryData(botSettingsKey, saved) });
}
