// Builds the npm-installed front-end packages into kam/static/vendor so that Django serves them
// (whitenoise in production). Nothing third-party is committed and nothing comes from a CDN.
//   htmx and Tom Select: copied as shipped (already minified).
//   ECharts: bundled by esbuild from frontend/echarts.mjs, which registers only the series,
//   components and renderers KAM uses (tree-shaken echarts/core instead of the full dist file).
import { copyFileSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "kam", "static", "vendor");
mkdirSync(target, { recursive: true });

const copied = {
  "htmx.org/dist/htmx.min.js": "htmx.min.js",
  // Searchable multi-selects (participant pickers); kam/static/js/forms.js turns them on.
  "tom-select/dist/js/tom-select.complete.min.js": "tom-select.complete.min.js",
  "tom-select/dist/css/tom-select.default.min.css": "tom-select.default.min.css",
  // The minified files name their source maps; the hashed static storage needs them present.
  "tom-select/dist/js/tom-select.complete.min.js.map": "tom-select.complete.min.js.map",
  "tom-select/dist/css/tom-select.default.min.css.map": "tom-select.default.min.css.map",
};
for (const [source, name] of Object.entries(copied)) {
  copyFileSync(join(root, "node_modules", source), join(target, name));
  console.log(`vendor: ${name}`);
}

const echartsFile = join(target, "echarts.min.js");
const { version } = JSON.parse(readFileSync(join(root, "node_modules", "echarts", "package.json"), "utf8"));
await build({
  entryPoints: [join(root, "frontend", "echarts.mjs")],
  outfile: echartsFile,
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "echarts",
  target: ["es2018"],
  // ECharts strips its development warnings when NODE_ENV is production.
  define: { "process.env.NODE_ENV": '"production"' },
  legalComments: "none",
  banner: {
    js: `/*! Apache ECharts ${version} and ZRender, Apache License 2.0 (node_modules/echarts/LICENSE, NOTICE); only the modules listed in frontend/echarts.mjs */`,
  },
  logLevel: "warning",
});
console.log(`vendor: echarts.min.js (${statSync(echartsFile).size} bytes, tree-shaken)`);
