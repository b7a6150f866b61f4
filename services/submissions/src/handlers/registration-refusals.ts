import { RegistrationRefused } from '@inovda/contracts';
import { eventConsumer } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import { revertRefusedRegistration } from '../use-cases/registration-refusals';

const deps = depsFromEnv();

/** Takes back a registration the workflow refused (its cycle had closed): the innovation is a draft again. */
export const handler = eventConsumer([RegistrationRefused] as const, (event) =>
  revertRefusedRegistration(deps, event.envelope),
);
