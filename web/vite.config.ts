import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The dashboard builds to web/dist, which the worker serves as static assets
// locally and Cloudflare Pages serves in production.
export default defineConfig({
  root: "web",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // Libraries in one long-cached chunk; each page stays its own lazily loaded chunk.
      output: { codeSplitting: { groups: [{ name: "vendor", test: /[\\/]node_modules[\\/]/ }] } },
    },
  },
  server: { proxy: { "/api": "http://127.0.0.1:8787" } },
});
