import type { LocalPlatform } from './platform/local-platform';

/** Where everything is, printed once `npm start` is up: URLs, dev users and how to get a token. */
export function formatBanner(platform: LocalPlatform): string {
  const users = platform.users
    .map((user) => `    ${user.username.padEnd(18)} ${user.roles.join(',').padEnd(12)} ${user.opdId ?? ''}`.trimEnd())
    .join('\n');
  const example = platform.users[0]?.username ?? 'admin';
  return [
    '',
    `inovda is running locally · ${platform.region.displayName}`,
    '',
    ...(platform.webUrl
      ? [`  Web app         ${platform.webUrl}  (open it and pick a dev user, e.g. opd.dinkes)`]
      : []),
    `  API             ${platform.url}`,
    `  Health          ${platform.url}/health`,
    `  DynamoDB Local  ${platform.dynamoEndpoint}`,
    `  EventBridge     ${platform.eventBridgeEndpoint}  (bus ${platform.eventBusName})`,
    platform.sesEndpoint
      ? `  Mails (SES v2)  ${platform.sesEndpoint}  (the mails sent: open it in a browser, or GET /store for JSON)`
      : '  Mails (SES v2)  off (no SES v2 emulator)',
    `  Secrets Manager ${platform.secretsManagerEndpoint}`,
    `  Dead letters    ${platform.url}/local/dead-letters`,
    `  Queues          ${platform.url}/local/queues  (npm run redrive: dead-letter queues back to their consumers)`,
    `  Data            ${platform.dataDir ?? 'in memory (nothing kept)'}`,
    '',
    '  Dev users (username, roles, OPD):',
    users,
    '',
    '  Get a token and call the API:',
    `    TOKEN=$(curl -s -X POST ${platform.url}/local/token -H 'content-type: application/json' \\`,
    `      -d '{"username":"${example}"}' | sed -E 's/.*"token":"([^"]+)".*/\\1/')`,
    `    curl -H "Authorization: Bearer $TOKEN" ${platform.url}/innovations`,
    '',
    '  Ctrl-C stops everything.',
    '',
  ].join('\n');
}
