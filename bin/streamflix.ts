/** CDK app entry point: `cdk synth` fails on any SFX control violation, unacknowledged cdk-nag finding or CloudFormation Validate error. */
import { runGatedSynth } from '../aspects';
import { SNAPSHOT_DIRECTORY } from '../lib/catalog';
import { stageSnapshots } from '../lib/catalog/snapshot-staging';
import { buildStreamFlixApp } from '../lib/app';

// The CLI's synth is the one that refreshes the committed product snapshots (see README, Versions),
// and only when every check passed: synthesis writes to a staged copy first.
const snapshots = stageSnapshots(SNAPSHOT_DIRECTORY);
try {
  // autoSynth off: after a failed synth, CDK would otherwise synthesize once more at exit and dump the error.
  runGatedSynth(buildStreamFlixApp({ snapshotDirectory: snapshots.directory, autoSynth: false }), { onSuccess: () => snapshots.commit() });
} finally {
  snapshots.discard();
}
