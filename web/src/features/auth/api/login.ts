import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { markSignedIn } from "../../../lib/session-hint";
import type { RequestBody, Schema } from "../../../api";

export type LoginInput = RequestBody<"/api/auth/login", "post">;

export type LoginResult = Schema<"Login">;

export const login = (input: LoginInput) => api.post<LoginResult>("/api/auth/login", input);

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: () => {
      markSignedIn();
      // Whatever was cached belonged to the previous session, if any.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== "config" });
    },
  });
}
