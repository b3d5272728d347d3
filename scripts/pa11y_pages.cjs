// pa11y (HTML_CodeSniffer, WCAG 2 AA) on many pages with one Chromium; run by scripts/pa11y_site.py.
// Usage: NODE_PATH=.cache/node-tools/node_modules node scripts/pa11y_pages.cjs BASE_URL PAGE...
// Prints one JSON object: page -> list of errors.
"use strict";

const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

async function main() {
  const [base, ...pages] = process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const results = {};
  try {
    for (const page of pages) {
      const result = await pa11y(base + page, {
        browser,
        standard: "WCAG2AA",
        runners: ["htmlcs"],
        timeout: 60000,
      });
      results[page] = result.issues
        .filter((issue) => issue.type === "error")
        .map((issue) => ({ code: issue.code, message: issue.message, selector: issue.selector }));
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
