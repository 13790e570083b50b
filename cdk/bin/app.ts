// `npx cdk synth|deploy` (cdk.json runs this). `npm run synth` prints a summary instead: cdk/bin/synth.ts.
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { agents } from '../../functions/index.js';
import { buildSyntorApp } from '../lib/buildSyntorApp.js';

const { app } = await buildSyntorApp({ agents });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
