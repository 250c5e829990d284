// Vite's import.meta.glob (resolved at build time by vitest): files as strings with `query: "?raw"`.
interface ImportMeta {
  glob<T = unknown>(pattern: string, options: { query?: string; import?: string; eager: true }): Record<string, T>;
}
