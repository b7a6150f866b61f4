/** The notifications outbox sweeper: the shared sweeper, deployed as this service's function. */
export { handler } from '@inovda/dynamo/outbox-sweeper';
