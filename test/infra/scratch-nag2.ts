import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';

const app = new App({ outdir: '/tmp/scratch/out3', context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
const stack = new Stack(app, 'S');
new Queue(stack, 'Q');
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
app.synth();
for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
  const r = pack.validateScope(stack);
  console.log(pack.readPackName, r.success);
  for (const v of r.violations) console.log('  ', v.ruleName, v.severity, v.violatingResources.map((x) => x.constructPath).join(' | '));
}
