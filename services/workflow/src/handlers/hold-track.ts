import { noteInput } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { byRoute, httpHandler, versioned } from '@inovda/lambda-kit';
import { boardDepsFromEnv } from '../board-deps';
import { parseId } from '../http/request-schemas';
import * as routes from '../routes';
import { holdOrResume } from '../use-cases/decisions';

const deps = boardDepsFromEnv();

function holdHandler(action: 'hold' | 'resume') {
  return httpHandler(
    action === 'hold' ? routes.holdTrack : routes.resumeTrack,
    { body: 'optional' },
    async (request) => {
      const id = parseId(request.pathParameters.id);
      const { note } = parseOrProblem(noteInput, request.body);
      return versioned(await holdOrResume(deps, request.acting, id, action, note));
    },
  );
}

/** POST /innovations/{id}/track/hold and …/resume. */
export const handler = byRoute(holdHandler('hold'), holdHandler('resume'));
