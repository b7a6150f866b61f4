import * as z from 'zod/mini';
import { ROLES } from './roles';

/** Who did something, as recorded in history entries and on entities. `system` is a service acting on its own. */
export const actorRefSchema = z.strictObject({
  sub: z.string(),
  username: z.string(),
  role: z.enum([...ROLES, 'system']),
});
export type ActorRef = Readonly<z.infer<typeof actorRefSchema>>;
