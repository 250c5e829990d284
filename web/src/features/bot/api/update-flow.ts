import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { flowKey, type Flow, type FlowInput } from "./types";

/** Replaces the whole flow; owners and admins only. */
export const updateFlow = (input: FlowInput) => api.put<Flow>("/api/bot/flow", input);

export function useUpdateFlow() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateFlow, onSuccess: (saved) => qc.setQueryData(flowKey, saved) });
}
