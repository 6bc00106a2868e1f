/** CDK app entry point: `cdk synth` fails on any SFX control violation or unacknowledged cdk-nag finding. */
import { SNAPSHOT_DIRECTORY } from '../lib/catalog';
import { buildStreamFlixApp } from '../lib/streamflix-app';

// The CLI's synth is the one that refreshes the committed product snapshots (see README, Versions).
buildStreamFlixApp({ snapshotDirectory: SNAPSHOT_DIRECTORY }).synth();
