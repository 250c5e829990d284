// Vite's `?raw` suffix imports a file as a string, byte-for-byte: signature
// tests need the exact bytes, not a re-serialized object.
declare module "*?raw" {
  const text: string;
  export default text;
}
