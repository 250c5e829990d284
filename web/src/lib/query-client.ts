// The query client and its error policy, set once for every query and mutation:
// 401 → back to login; 5xx → toast with the request id; network → retry action.
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError, NetworkError } from "./api";
import { navigate } from "./navigation";
import { isPublicPath, paths } from "./paths";
import { markSignedOut } from "./session-hint";
import { toast } from "./toast";

let redirecting = false;

async function handleUnauthorized(client: QueryClient) {
  const { pathname, search } = window.location;
  // On login, signup and invitation pages a 401 is an answer for the form (wrong password,
  // wrong account), not a sign that this browser's session ended.
  if (isPublicPath(pathname) || redirecting) return;
  markSignedOut();
  redirecting = true;
  try {
    // Leave first, then forget cached data, so nothing on screen refetches as a signed-out user.
    await navigate(paths.login(pathname + search), { replace: true });
    client.clear();
    toast({ tone: "info", title: "Please log in again", description: "Your session ended, so we signed you out." });
  } finally {
    redirecting = false;
  }
}

function serverErrorToast(error: ApiError) {
  toast({
    tone: "error",
    title: "Something went wrong on our side",
    description: error.status === 503 ? "Parley is briefly unavailable. Please try again in a minute." : "Please try again. If it keeps happening, send us the reference below.",
    requestId: error.requestId,
  });
}

export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  if (error instanceof NetworkError) return failureCount < 2;
  if (error instanceof ApiError && error.status >= 500) return failureCount < 1;
  return false;
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (error instanceof ApiError && error.status === 401) return void handleUnauthorized(client);
        if (error instanceof ApiError && error.status >= 500) return serverErrorToast(error);
        // Without data the page shows its own error state with a retry button;
        // a failed background refresh only needs a nudge.
        if (error instanceof NetworkError && query.state.data !== undefined) {
          toast({
            tone: "error",
            title: "You seem to be offline",
            description: "What you see may be out of date.",
            action: { label: "Try again", onClick: () => void client.refetchQueries({ queryKey: query.queryKey }) },
          });
        }
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, variables, _context, mutation) => {
        if (error instanceof ApiError && error.status === 401) return void handleUnauthorized(client);
        if (error instanceof ApiError && error.status >= 500) return serverErrorToast(error);
        if (error instanceof NetworkError) {
          toast({
            tone: "error",
            title: "Couldn't reach Parley",
            description: "Nothing was saved. Check your connection and try again.",
            action: { label: "Try again", onClick: () => void mutation.execute(variables).catch(() => undefined) },
          });
        }
        // Other 4xx answers (validation, conflicts) are shown next to the form or button that caused them.
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetryQuery, staleTime: 30_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
  return client;
}

export const queryClient = createQueryClient();
