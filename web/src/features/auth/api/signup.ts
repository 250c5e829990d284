import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { markSignedIn } from "../../../lib/session-hint";
import type { SessionStart } from "./session";

export interface SignupInput {
  name?: string;
  email: string;
  password: string;
  tenantName: string;
}

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
