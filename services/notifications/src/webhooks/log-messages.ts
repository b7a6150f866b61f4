/**
 * The log lines of webhook failures the functions handle rather than throw: the stack alarms on each (manifest
 * `alarmOnLogs`), so one place names them for the code that logs and the manifest that watches.
 */
export const WEBHOOK_GIVEN_UP = 'webhook delivery given up';
export const WEBHOOK_DISABLED = 'webhook endpoint disabled';
