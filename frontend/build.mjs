// Builds static_build/ for Django's staticfiles: our Sass on top of GOV.UK
// Frontend (own brand colour, system fonts, no crown), GOV.UK Frontend's JS,
// and axe-core for the browser tests' accessibility checks.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";
import { writeFileSync } from "node:fs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static_build");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "vendor"), { recursive: true });

const result = sass.compile(join(root, "frontend", "scss", "main.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "css", "main.css"), result.css);

copyFileSync(join(govuk, "govuk-frontend.min.js"), join(out, "vendor", "govuk-frontend.min.js"));
copyFileSync(
  join(root, "node_modules", "axe-core", "axe.min.js"),
  join(out, "vendor", "axe.min.js"),
);
console.log("static_build/ written");
