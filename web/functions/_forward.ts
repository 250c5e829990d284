// Cloudflare Pages Functions: the dashboard's origin forwards API and webhook
// traffic to the Parley worker through a service binding, so the browser sees
// one origin (cookies, CSRF origin checks and webhook URLs all line up).
interface PagesEnv {
  PARLEY: Fetcher;
}

export const forward: PagesFunction<PagesEnv> = (context) => context.env.PARLEY.fetch(context.request);
