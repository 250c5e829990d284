import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { notesKey } from "./list-notes";
import type { Note } from "./types";

export const createNote = (conversationId: string, text: string) => api.post<Note>(`/api/conversations/${encodeURIComponent(conversationId)}/notes`, { text });

export function useCreateNote(conversationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => createNote(conversationId, text),
    onSuccess: () => qc.invalidateQueries({ queryKey: notesKey(conversationId) }),
  });
}
