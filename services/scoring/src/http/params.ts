import { editionParams, ulidId } from '@inovda/contracts';
import { parsePathParameter } from '@inovda/kernel';

/** Reads an id path parameter (cycles, innovations: ULIDs); an impossible id is a 404 without a read. */
export function parseId(value: string | undefined): string {
  return parsePathParameter(ulidId, value);
}

/** Reads an edition id path parameter; an impossible one is a 404 too. */
export function parseEditionId(value: string | undefined): string {
  return parsePathParameter(editionParams.shape.editionId, value);
}
