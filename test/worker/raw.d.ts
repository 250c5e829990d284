// Vite's `?raw` imports (a file's text), as the test runner resolves them.
declare module "*?raw" {
  const text: string;
  export default text;
}
