/**
 * An innovation (its profile plus lifecycle state) and one entry of its change history are exactly what the API
 * answers, so their types are the response schemas' (@inovda/contracts): one definition.
 */
export type { HistoryAction, HistoryEntry, Innovation } from '@inovda/contracts';
