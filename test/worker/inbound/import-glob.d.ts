// Vite's import.meta.glob, as the real-world fixture test uses it (files as raw strings).
interface ImportMeta {
  glob(pattern: string, options: { query: "?raw"; import: "default"; eager: true }): Record<string, string>;
}
