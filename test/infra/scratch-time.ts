import { buildApp } from '../../infra/lib/app';
import { consumerFixtureManifest } from './fixtures/consumer-service/manifest';

const t0 = Date.now();
const { app } = buildApp({ services: [consumerFixtureManifest], outdir: '/tmp/scratch/out5' });
const t1 = Date.now();
app.synth();
console.log('build ms', t1 - t0, 'synth ms', Date.now() - t1);
