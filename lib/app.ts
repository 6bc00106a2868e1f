/**
 * Builds the StreamFlix CDK app: the direct-deploy stack and the Service Catalog stack that
 * publishes the same blueprint as a product, gated by the SFX compliance controls and the
 * cdk-nag packs. `bin/` synthesizes it; the benchmark and tests build it
 * with parts switched off to measure or isolate them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps } from 'aws-cdk-lib';
import { applyCompliance } from '../aspects';
import { StreamFlixCatalogStack, addRegionGuard } from './catalog';
import { addNagPacks } from './nag/packs';
import { StreamFlixStack } from './content-api/streamflix-stack';
import { MANDATED_REGION } from './shared/region';

export interface StreamFlixAppOptions extends AppProps {
  /** Apply the SFX compliance gate. @default true */
  readonly compliance?: boolean;
  /** Register the four cdk-nag packs. @default true */
  readonly nag?: boolean;
  /**
   * Where the Service Catalog product keeps its version snapshots. Tests and the benchmark pass a
   * temporary directory so that only `cdk synth` refreshes the committed ones.
   * Only `bin/` (the CLI's `cdk synth`, with cdk.json's context) passes SNAPSHOT_DIRECTORY: a script
   * building the app without that context would otherwise rewrite the committed snapshot.
   * @default a new temporary directory
   */
  readonly snapshotDirectory?: string;
}

export function buildStreamFlixApp(options: StreamFlixAppOptions = {}): App {
  const { compliance = true, nag = true, snapshotDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-snapshots-')), ...appProps } = options;
  const app = new App(appProps);
  const direct = new StreamFlixStack(app, 'StreamFlix', { env: { region: MANDATED_REGION } });
  addRegionGuard(direct);
  new StreamFlixCatalogStack(app, 'StreamFlixCatalog', { env: { region: MANDATED_REGION }, snapshotDirectory });
  if (compliance) applyCompliance(app);
  if (nag) addNagPacks(app);
  return app;
}
