import { scheduledHandler, userPoolIdFromEnv } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import { CognitoUserDirectory } from '../directory/cognito-directory';
import { syncDirectory } from '../use-cases/directory';

const deps = depsFromEnv();
const directory = new CognitoUserDirectory(userPoolIdFromEnv());

/** Every quarter hour: the region's user directory into the recipients (new staff told before they sign in). */
export const handler = scheduledHandler('directory', async () => ({ ...(await syncDirectory(deps, directory)) }));
