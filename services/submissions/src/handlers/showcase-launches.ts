import { InnovationLaunched } from '@inovda/contracts';
import { eventConsumer } from '@inovda/lambda-kit';
import { launchDepsFromEnv } from '../deps';
import { recordLaunch } from '../use-cases/showcase';

const deps = launchDepsFromEnv();

/** Puts an innovation in the public showcase when the workflow launches it (InnovationLaunched: it entered Display). */
export const handler = eventConsumer([InnovationLaunched] as const, (event) => recordLaunch(deps, event.envelope));
