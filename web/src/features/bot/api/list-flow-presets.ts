import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { flowKey, type FlowPreset } from "./types";

export const flowPresetsKey = [...flowKey, "presets"] as const;

export const listFlowPresets = (signal?: AbortSignal) => api.get<{ data: FlowPreset[] }>("/api/bot/flow/presets", { signal });

/** The presets never change while the dashboard runs. */
export const flowPresetsQueryOptions = () => queryOptions({ queryKey: flowPresetsKey, queryFn: ({ signal }) => listFlowPresets(signal), staleTime: Infinity });

export const useFlowPresets = () => useQuery(flowPresetsQueryOptions());
