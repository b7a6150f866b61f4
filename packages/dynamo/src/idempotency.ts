import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { IF_ABSENT, TransactionCancelled, type TransactWrite } from './transaction';

/**
 * Safe retries of a create (`Idempotency-Key`): the create's transaction also writes a claim on the caller's key,
 * naming what it created and a hash of the request. A retry's claim fails; the store then reads the claim, and the
 * use case answers the first result (same request) or refuses the key (another request). One rule for every create
 * that takes a key; each service keeps its claims in its own table.
 */

/** How long a key answers its first result: far beyond any sensible client retry window. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/** The name of the claim in its transaction, as a cancelled transaction reports it. */
const CLAIM = 'idempotency';

/** A create request's claim: the caller, its key, and a hash of the request it was first used with. */
export interface IdempotencyClaim {
  readonly callerSub: string;
  readonly key: string;
  readonly requestHash: string;
}

/** Thrown by a store when the key was already used: says for what (`resourceId`) and with which request. */
export class IdempotencyConflict extends Error {
  constructor(
    readonly resourceId: string,
    readonly requestHash: string,
  ) {
    super('idempotency key already used');
  }
}

/** The claim of `key` by the caller `callerSub`, on the request `body` (hashed: the body is never stored). */
export function idempotencyClaim(callerSub: string, key: string, body: unknown): IdempotencyClaim {
  return { callerSub, key, requestHash: createHash('sha256').update(JSON.stringify(body)).digest('base64url') };
}

function claimKey(claim: IdempotencyClaim) {
  return { pk: `IDEMPOTENCY#${claim.callerSub}#${claim.key}`, sk: 'IDEMPOTENCY' };
}

/** Adds the claim to a create's transaction: it commits only if the key is new (expires with the table's TTL). */
export function addClaim(write: TransactWrite, claim: IdempotencyClaim, resourceId: string, now: Date): TransactWrite {
  return write.put(
    CLAIM,
    {
      ...claimKey(claim),
      resourceId,
      requestHash: claim.requestHash,
      expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
    },
    IF_ABSENT,
  );
}

/**
 * Commits a create's transaction holding `claim` (if any); when the claim is what failed, throws
 * {@link IdempotencyConflict} with what the key was first used for. Any other failure is the caller's to read.
 */
export async function commitClaimed(
  db: DynamoDBDocumentClient,
  tableName: string,
  write: TransactWrite,
  claim: IdempotencyClaim | undefined,
): Promise<void> {
  try {
    await write.commit(db);
  } catch (error) {
    if (claim && error instanceof TransactionCancelled && error.failed(CLAIM)) {
      const first = await claimedBefore(db, tableName, claim);
      if (first) throw first;
    }
    throw error;
  }
}

/**
 * What `claim`'s key was first used for, as the conflict to throw, or undefined for a new key: for a create with
 * side effects outside its transaction (a secret made first), to answer a retry before making them again.
 */
export async function claimedBefore(
  db: DynamoDBDocumentClient,
  tableName: string,
  claim: IdempotencyClaim,
): Promise<IdempotencyConflict | undefined> {
  const existing = await db.send(new GetCommand({ TableName: tableName, Key: claimKey(claim), ConsistentRead: true }));
  if (!existing.Item) return undefined;
  // Claims written before `resourceId` named what they created by its own name (submissions: innovationId).
  const resourceId = existing.Item.resourceId ?? existing.Item.innovationId;
  return new IdempotencyConflict(String(resourceId), String(existing.Item.requestHash));
}
