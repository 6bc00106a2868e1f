import { App } from 'aws-cdk-lib';
import { StreamFlixStack } from '../lib/streamflix-stack';

const app = new App();
new StreamFlixStack(app, 'StreamFlix', { env: { region: 'eu-west-1' } });
app.synth();
