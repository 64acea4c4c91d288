// Builds the one stylesheet of the site, static/dist/wajong.css (committed, so running the site
// needs no Node): the NL Design System components of @utrecht/component-library-css, our design
// tokens (tokens.css) and the site's own rules (src/app.css), bundled and minified.
//
//   node build.mjs [OUTFILE]   (default: ../static/dist/wajong.css)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
export const BUNDLE = path.resolve(here, "..", "static", "dist", "wajong.css");
const LIBRARY = "@utrecht/component-library-css";

// Plain elements styled as the component, with no class: every <button>, <input>, <select>,
// <textarea> and <table> a page writes by hand looks like the rest.
const ELEMENTS = ["button", "checkbox", "radio-button", "select", "table", "textarea", "textbox"];
// The components by class (utrecht-button, utrecht-alert ...).
const COMPONENTS = [
  "document",
  "page-header",
  "breadcrumb-nav",
  "skip-link",
  "link",
  "heading-1",
  "heading-2",
  "heading-3",
  "paragraph",
  "button",
  "form-fieldset",
  "form-field",
  "form-label",
  "form-field-description",
  "form-field-error-message",
  "textbox",
  "textarea",
  "select",
  "checkbox",
  "radio-button",
  "table",
  "alert",
  "badge-counter",
  "status-badge",
  "pagination",
];

// Each component package at the version the library pins (its own dependencies), resolved
// from the library's folder rather than from whatever a hoisted node_modules holds.
function componentFiles() {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve(`${LIBRARY}/package.json`);
  const pinned = JSON.parse(readFileSync(manifest, "utf8")).dependencies;
  const fromLibrary = createRequire(manifest);
  const file = (name, inside) => {
    const pkg = `@utrecht/${name}-css`;
    if (!(pkg in pinned)) throw new Error(`${pkg} is not part of ${LIBRARY}`);
    return fromLibrary.resolve(`${pkg}/${inside}`);
  };
  return [
    ...ELEMENTS.map((name) => file(name, "dist/html/index.css")),
    ...COMPONENTS.map((name) => file(name, "dist/index.css")),
  ];
}

export async function buildBundle(outfile = BUNDLE) {
  const files = [...componentFiles(), path.join(here, "tokens.css"), path.join(here, "src", "app.css")];
  await build({
    stdin: {
      contents: files.map((file) => `@import ${JSON.stringify(file)};`).join("\n"),
      loader: "css",
      resolveDir: here,
      sourcefile: "wajong.css",
    },
    bundle: true,
    minify: true,
    charset: "utf8",
    legalComments: "eof", // the components' EUPL licence notes stay in the bundle
    target: ["chrome110", "firefox110", "safari16", "edge110"],
    outfile: path.resolve(outfile),
    logLevel: "warning",
  });
  return path.resolve(outfile);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const written = await buildBundle(process.argv[2]);
  console.log(`built ${path.relative(process.cwd(), written)}`);
}
