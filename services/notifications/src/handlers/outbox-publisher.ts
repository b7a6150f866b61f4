/** The notifications outbox publisher: the shared publisher, deployed as this service's function. */
export { handler } from '@inovda/dynamo/outbox-publisher';
