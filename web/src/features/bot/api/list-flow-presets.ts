import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { flowKey, type FlowPreset } from "./types";

export type PresetLanguage = "en" | "id";

export const flowPresetsKey = (language: PresetLanguage) => [...flowKey, "presets", language] as const;

/** The ready-made flows, written in English or Indonesian. */
export const listFlowPresets = (language: PresetLanguage, signal?: AbortSignal) => api.get<{ data: FlowPreset[] }>("/api/bot/flow/presets", { query: { language }, signal });

/** The presets never change while the dashboard runs. */
export const flowPresetsQueryOptions = (language: PresetLanguage) =>
  queryOptions({ queryKey: flowPresetsKey(language), queryFn: ({ signal }) => listFlowPresets(language, signal), staleTime: Infinity });

export const useFlowPresets = (language: PresetLanguage) => useQuery(flowPresetsQueryOptions(language));
