import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../../infra/lib/app';
import { consumerFixtureManifest } from './fixtures/consumer-service/manifest';

const t0 = Date.now();
const { app } = buildApp({
  services: [consumerFixtureManifest],
  outdir: '/tmp/scratch/out',
  context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
});
const assembly = app.synth();
console.log('synth ms', Date.now() - t0);
const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8'));
fs.writeFileSync('/tmp/scratch/report.json', JSON.stringify(report, null, 2));
console.log(Object.keys(report));
