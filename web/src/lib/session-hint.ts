// The session cookie is HttpOnly, so the page cannot see it. This flag only
// remembers that we signed in from this browser, so a signed-out visitor goes
// straight to the login page instead of first asking the API (and getting a
// 401). The API stays the judge: any 401 clears the flag.
const KEY = "parley.signedIn";

export function markSignedIn(): void {
  try {
    localStorage.setItem(KEY, "1");
  } catch {
    /* storage unavailable: we will ask the API instead */
  }
}

export function markSignedOut(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* storage unavailable */
  }
}

/** false only when we know this browser signed out; unknown counts as maybe. */
export function maybeSignedIn(): boolean {
  try {
    return localStorage.getItem(KEY) === "1";
  } catch {
    return true;
  }
}
