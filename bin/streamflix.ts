/** CDK app entry point: `cdk synth` fails on any SFX control violation or unacknowledged cdk-nag finding. */
import { buildStreamFlixApp } from '../lib/streamflix-app';

buildStreamFlixApp().synth();
