import { GRANTED_ENDPOINTS } from '../lambda/environment';
import { type FunctionsOptions, LocalFunctions } from '../lambda/functions';
import type { LocalLogger } from '../log';
import type { StopOrder } from './stop-order';

/** Says which granted services have no local stand-in running: those calls would go nowhere. */
function warnAboutMissingEndpoints(options: FunctionsOptions, log: LocalLogger): void {
  for (const manifest of options.services) {
    for (const fn of manifest.functions) {
      for (const grant of fn.grants ?? []) {
        const granted = GRANTED_ENDPOINTS[grant.kind];
        if (granted && !options.endpoints?.[granted.endpoint]) {
          log.warn(
            `${manifest.name}/${fn.name} has a ${grant.kind} grant, but no local ${granted.endpoint} is running`,
          );
        }
      }
    }
  }
}

/** Every function, each execution environment its own process, started on its first call. */
export function startFunctions(options: FunctionsOptions, stops: StopOrder): LocalFunctions {
  warnAboutMissingEndpoints(options, options.log);
  const functions = new LocalFunctions(options);
  stops.add(() => functions.stop());
  options.log.info(`▸ functions: ${functions.size}, each execution environment its own process, started on first call`);
  return functions;
}
