// Copies the npm-installed front-end packages into kam/static/vendor so that Django serves them
// (whitenoise in production). Nothing third-party is committed and nothing comes from a CDN.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "kam", "static", "vendor");
const files = {
  "htmx.org/dist/htmx.min.js": "htmx.min.js",
  "echarts/dist/echarts.min.js": "echarts.min.js",
  // Searchable multi-selects (participant pickers); kam/static/js/forms.js turns them on.
  "tom-select/dist/js/tom-select.complete.min.js": "tom-select.complete.min.js",
  "tom-select/dist/css/tom-select.default.min.css": "tom-select.default.min.css",
  // The minified files name their source maps; the hashed static storage needs them present.
  "tom-select/dist/js/tom-select.complete.min.js.map": "tom-select.complete.min.js.map",
  "tom-select/dist/css/tom-select.default.min.css.map": "tom-select.default.min.css.map",
};
mkdirSync(target, { recursive: true });
for (const [source, name] of Object.entries(files)) {
  copyFileSync(join(root, "node_modules", source), join(target, name));
  console.log(`vendor: ${name}`);
}
