import { acting, httpHandler, parseOrProblem } from '@inovda/lambda-kit';
import { noteInput } from '../domain/track-input';
import { boardDepsFromEnv } from '../http/board-deps';
import { byRoute } from '../http/dispatch';
import { parseId } from '../http/request-schemas';
import { versioned } from '../http/responses';
import { routes } from '../routes';
import { holdOrResume } from '../use-cases/decisions';

const deps = boardDepsFromEnv();

function holdHandler(action: 'hold' | 'resume') {
  const route = action === 'hold' ? routes.holdTrack : routes.resumeTrack;
  return httpHandler(route, { body: 'optional' }, async (request) => {
    const id = parseId(request.pathParameters.id);
    const { note } = parseOrProblem(noteInput, request.body);
    const actor = acting(request.caller, route.roles, request.correlationId);
    return versioned(await holdOrResume(deps, actor, id, action, note));
  });
}

/** POST /innovations/{id}/track/hold and …/resume. */
export const handler = byRoute([routes.holdTrack, holdHandler('hold')], [routes.resumeTrack, holdHandler('resume')]);
