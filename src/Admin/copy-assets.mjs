// Copies the built files of the front-end packages into wwwroot/lib, so `dotnet run` needs no Node.
// One line per package: where its files are in node_modules, and which of them the pages load.
import { copyFileSync, mkdirSync } from 'node:fs';

const assets = [
  ['swagger-ui-dist', 'swagger-ui', ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE']],
  ['bootstrap', 'bootstrap', ['dist/css/bootstrap.min.css', 'dist/js/bootstrap.bundle.min.js', 'LICENSE']],
  ['htmx.org', 'htmx', ['dist/htmx.min.js', 'LICENSE']],
  ['mermaid', 'mermaid', ['dist/mermaid.min.js', 'LICENSE']],
];

for (const [pkg, target, files] of assets) {
  const dir = `wwwroot/lib/${target}`;
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    copyFileSync(`node_modules/${pkg}/${file}`, `${dir}/${file.split('/').pop()}`);
  }
}
