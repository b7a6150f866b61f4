/**
 * `npm run redrive`: moves every message of the consumers' dead-letter queues back to the queue it came from, so
 * the consumer tries it again (once what made it fail is fixed).
 *
 *   npm run redrive                              # the running `npm start` (PORT, default 3000)
 *   npm run redrive -- --region-id kota-solok    # the region's stack in AWS (credentials as for `cdk deploy`)
 *
 * In AWS it starts one SQS message move task per non-empty DLQ (the consumer DLQ back to its source queue, the
 * rule targets' `…-undelivered` DLQ into the consumer queue); the tasks run on after it returns.
 */
import { parseArgs } from 'node:util';
import { SQSClient } from '@aws-sdk/client-sqs';
import { services } from '../lib/platform';
import { type RedriveResult, redriveInAws, redriveLocally, redrivePlan } from '../lib/redrive';
import { regions } from '../regions';

function print(results: readonly RedriveResult[]): boolean {
  for (const result of results) {
    const outcome = result.error
      ? `gagal: ${result.error}`
      : result.messages === 0
        ? 'kosong'
        : `${result.messages} pesan dikembalikan ke ${result.destination}${result.taskHandle ? ` (tugas ${result.taskHandle})` : ''}`;
    console.log(`${result.deadLetterQueue}: ${outcome}`);
  }
  return results.every((result) => !result.error);
}

const { values } = parseArgs({ options: { 'region-id': { type: 'string' } } });
const regionId = values['region-id'];
let ok: boolean;
if (regionId) {
  const config = regions.find((candidate) => candidate.id === regionId);
  if (!config) {
    console.error(`Region ${regionId} tidak dikenal; yang ada: ${regions.map((known) => known.id).join(', ')}.`);
    process.exit(1);
  }
  const sqs = new SQSClient({ region: config.aws.region });
  ok = print(await redriveInAws(sqs, redrivePlan(config, services)));
  sqs.destroy();
} else {
  ok = print(await redriveLocally(`http://localhost:${process.env.PORT ?? 3000}`));
}
process.exit(ok ? 0 : 1);
