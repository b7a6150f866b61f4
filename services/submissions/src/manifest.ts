import { fileURLToPath } from 'node:url';
import { CycleClosed, CycleOpened, InnovationLaunched, patternOf, RegistrationRefused } from '@inovda/contracts';
import { type ServiceManifest, singleTable, withOutbox } from '@inovda/manifest';
import * as routes from './routes';

/** The submissions service: its table, functions, routes and subscriptions, and its outbox (`withOutbox`). Plain data (see @inovda/manifest). */
export const submissionsManifest = withOutbox({
  name: 'submissions',
  root: fileURLToPath(new URL('..', import.meta.url)),
  // Overloaded, generic indexes: each entity decides what it projects into them (see store/keys.ts).
  table: singleTable('submissions', 4),
  functions: [
    {
      name: 'create-innovation',
      entry: 'src/handlers/create-innovation.ts',
      description: 'Create a draft innovation profile',
      tableAccess: 'read-write',
      routes: [routes.createInnovation],
      // An innovation is created for one of the region's OPDs.
      regionSettings: ['opds'],
    },
    {
      name: 'list-innovations',
      entry: 'src/handlers/list-innovations.ts',
      description: 'List innovations the caller may see, by OPD and status',
      tableAccess: 'read',
      routes: [routes.listInnovations],
    },
    {
      name: 'get-innovation',
      entry: 'src/handlers/get-innovation.ts',
      description: 'Read one innovation profile',
      tableAccess: 'read',
      routes: [routes.getInnovation],
    },
    {
      name: 'update-innovation',
      entry: 'src/handlers/update-innovation.ts',
      description: 'Partially update an innovation profile (If-Match version)',
      tableAccess: 'read-write',
      routes: [routes.updateInnovation],
    },
    {
      name: 'change-innovation-status',
      entry: 'src/handlers/change-innovation-status.ts',
      description: 'Register a draft into the programme or withdraw an innovation',
      tableAccess: 'read-write',
      routes: [routes.registerInnovation, routes.withdrawInnovation],
    },
    {
      name: 'list-innovation-versions',
      entry: 'src/handlers/list-innovation-versions.ts',
      description: 'Change history of an innovation: who, when, which fields',
      tableAccess: 'read',
      routes: [routes.listInnovationVersions],
    },
    {
      name: 'cycle-projection',
      entry: 'src/handlers/cycle-projection.ts',
      description: "Keep submissions' own view of open programme cycles from the workflow service's events",
      tableAccess: 'read-write',
      subscriptions: [
        {
          name: 'cycle-lifecycle',
          pattern: patternOf(CycleOpened, CycleClosed),
          // Registration waits on this projection: retry for a day before the event is dead-lettered.
          retry: { maximumRetryAttempts: 20, maximumEventAgeSeconds: 24 * 3600 },
        },
      ],
    },
    {
      name: 'registration-refusals',
      entry: 'src/handlers/registration-refusals.ts',
      description: 'Take back a registration the workflow refused because its cycle had closed',
      tableAccess: 'read-write',
      subscriptions: [
        {
          name: 'registration-refused',
          pattern: patternOf(RegistrationRefused),
          // Until it is applied the innovation shows as registered in a closed cycle: retry for a day.
          retry: { maximumRetryAttempts: 20, maximumEventAgeSeconds: 24 * 3600 },
        },
      ],
    },
    {
      name: 'showcase',
      entry: 'src/handlers/showcase.ts',
      description: 'The public showcase of launched innovations (no token; public fields only)',
      tableAccess: 'read',
      routes: [routes.listShowcase, routes.getShowcaseInnovation],
      // The public reads name each innovation's OPD.
      regionSettings: ['opds'],
    },
    {
      name: 'showcase-launches',
      entry: 'src/handlers/showcase-launches.ts',
      description: 'Put an innovation in the public showcase when the workflow launches it',
      tableAccess: 'read-write',
      subscriptions: [
        {
          name: 'innovation-launched',
          pattern: patternOf(InnovationLaunched),
          // Until it is applied a launched innovation is missing from the public showcase: retry for a day.
          retry: { maximumRetryAttempts: 20, maximumEventAgeSeconds: 24 * 3600 },
        },
      ],
    },
  ],
} as const satisfies ServiceManifest);
