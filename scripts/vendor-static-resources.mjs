// npm ci's postinstall: copies the files of static resources that come from a dependency into
// force-app beside their .resource-meta.xml (ignored by git: the repository holds only the meta),
// so force-app is complete source for sf project convert/deploy and the local org. Chart.js (MIT)
// is the S2SChartJs resource of the dashboard's charts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FILES = [
  [
    'node_modules/chart.js/dist/chart.umd.js',
    'force-app/main/admin-ui/staticresources/S2SChartJs.js'
  ]
];
for (const [from, to] of FILES) {
  const source = path.join(root, from);
  if (!fs.existsSync(source)) {
    console.warn(`vendor-static-resources: ${from} is missing (npm ci installs it)`);
    continue;
  }
  fs.copyFileSync(source, path.join(root, to));
}
