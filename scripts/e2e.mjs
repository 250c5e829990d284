// `npm run test:e2e`: browser tests against a stack of their own. Starts
// `npm start`'s script on a free port with a throwaway state directory, waits
// until it is healthy and seeded, runs test/e2e/*.test.mjs with BASE_URL set,
// and always stops the whole stack afterwards.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { root } from "./lib.mjs";
import { startStack } from "./stack.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

if (!existsSync(CHROMIUM)) {
  if (process.env.REQUIRE_BROWSER === "1") {
    console.error(`✗ browser tests need Chromium at ${CHROMIUM} (REQUIRE_BROWSER=1): install it with \`apt-get install -y chromium\``);
    process.exit(1);
  }
  console.log("skipping browser tests: install Chromium with `apt-get install -y chromium`");
  process.exit(0);
}

let stack = null;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    await stack?.stop();
    process.exit(130);
  });
}

let code = 1;
try {
  console.log("› starting the stack (log in test-results/e2e-stack.log)");
  stack = await startStack({ name: "e2e" });
  console.log(`› stack is up at ${stack.base}; demo login ${stack.demo.email}`);
  const files = readdirSync(join(root, "test", "e2e"))
    .filter((f) => f.endsWith(".test.mjs"))
    // E2E_FILTER=inbox runs only the files whose names contain it.
    .filter((f) => !process.env.E2E_FILTER || f.includes(process.env.E2E_FILTER))
    .sort()
    .map((f) => join("test", "e2e", f));
  code = await new Promise((resolve) => {
    // Two files at a time: each signs up its own workspace, and the stack and the browser
    // share the cores (385 s for the suite, against 697 s one file at a time).
    const child = spawn(stack.nodeBin, ["--test", "--test-concurrency=2", ...files], {
      cwd: root,
      stdio: "inherit",
      env: { ...stack.env, BASE_URL: stack.base, DEMO_EMAIL: stack.demo.email, DEMO_PASSWORD: stack.demo.password, CHROMIUM_PATH: CHROMIUM },
    });
    child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0)));
    child.on("error", () => resolve(1));
  });
  if (code === 0) console.log("✓ browser tests passed; screenshots in test-results/screenshots/");
  else console.error(`✗ browser tests failed; screenshots in test-results/screenshots/, stack log in ${stack.logPath}`);
} catch (err) {
  console.error(`✗ ${err.message}`);
  code = 1;
} finally {
  await stack?.stop();
}
process.exit(code);
