import { useMutation, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";

// worker/routes/passwords.ts
export const changePassword = (input: { currentPassword: string; newPassword: string }) =>
  api.post<{ otherSessionsEnded: number }>("/api/auth/password", input);
export const requestPasswordReset = (input: { email: string }) => api.post<{ status: "accepted" }>("/api/auth/password-reset", input);
export const confirmPasswordReset = (input: { token: string; password: string }) => api.post<void>("/api/auth/password-reset/confirm", input);
export const checkResetLink = (token: string, signal?: AbortSignal) => api.get<void>("/api/auth/password-reset/check", { query: { token }, signal });

export const useChangePassword = () => useMutation({ mutationFn: changePassword });
export const useRequestPasswordReset = () => useMutation({ mutationFn: requestPasswordReset });
export const useConfirmPasswordReset = () => useMutation({ mutationFn: confirmPasswordReset });
/** Whether a reset link still works (410 when expired or used); not retried, it will not change. */
export const useResetLink = (token: string) =>
  useQuery({ queryKey: ["password-reset", token], queryFn: ({ signal }) => checkResetLink(token, signal).then(() => true), retry: false, staleTime: Infinity });
