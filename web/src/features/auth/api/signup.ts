import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { markSignedIn } from "../../../lib/session-hint";
import type { SessionStart } from "./session";
import type { RequestBody } from "../../../api";

export type SignupInput = RequestBody<"/api/auth/signup", "post">;

export const signup = (input: SignupInput) => api.post<SessionStart>("/api/auth/signup", input);

export function useSignup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: signup,
    onSuccess: () => {
      markSignedIn();
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== "config" });
    },
  });
}
