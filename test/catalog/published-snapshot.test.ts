// The committed snapshot of the current product version is exactly what synthesis produces, whether
// `cdk synth` or a test synthesizes it, so a locked version can never drift unnoticed.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { CURRENT_VERSION, SNAPSHOT_DIRECTORY, StreamFlixCatalogStack } from '../../lib/catalog/catalog-stack';

const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8'));

test(`the committed ${CURRENT_VERSION} snapshot matches the product template synthesized now (run \`npx cdk synth\` to refresh it while ${CURRENT_VERSION} is unlocked)`, () => {
  const snapshotDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-snapshots-'));
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-catalog-')), context: cdkJson.context });
  new StreamFlixCatalogStack(app, 'StreamFlixCatalog', { env: { region: 'eu-west-1' }, snapshotDirectory });
  app.synth();
  const written = fs.readdirSync(snapshotDirectory).filter((file) => file.endsWith(`.${CURRENT_VERSION}.product.template.json`));
  expect(written).toHaveLength(1);
  const committed = path.join(SNAPSHOT_DIRECTORY, written[0]);
  expect(fs.existsSync(committed)).toBe(true);
  expect(fs.readFileSync(path.join(snapshotDirectory, written[0]), 'utf8')).toBe(fs.readFileSync(committed, 'utf8'));
});
