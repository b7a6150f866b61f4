import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { buildApp } from '../../infra/lib/app';
import { services } from '../../infra/lib/platform';
import { consumerFixtureManifest } from './fixtures/consumer-service/manifest';

Validations.prototype.acknowledge = () => {};
const { app, stacks } = buildApp({
  services: [consumerFixtureManifest],
  outdir: '/tmp/scratch/out4',
  context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
});
app.synth();
for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
  const r = pack.validateScope(stacks[0]!);
  console.log(pack.readPackName, r.success);
  for (const v of r.violations) console.log('  ', v.ruleName, v.severity, v.violatingResources.map((x) => x.constructPath).join(' | '));
}
void services;
