import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RequestBody } from "../../../api";
import { api } from "../../../lib/api";
import { flowKey, type Flow, type FlowInput } from "./types";

/** Replaces the whole flow; owners and admins only. */
export const updateFlow = (input: FlowInput) => api.put<Flow>("/api/bot/flow", input satisfies RequestBody<"/api/bot/flow", "put">);

export function useUpdateFlow() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateFlow, onSuccess: (saved) => qc.setQueryData(flowKey, saved) });
}
