import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { deadLettersKey, type DeadLetter } from "./types";

/** Puts the message back on its queue; processing is idempotent. */
export const replayDeadLetter = (id: string) => api.post<DeadLetter>(`/api/dead-letters/${encodeURIComponent(id)}/replay`);

export function useReplayDeadLetter() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: replayDeadLetter, onSettled: () => qc.invalidateQueries({ queryKey: deadLettersKey }) });
}
