import type { WebhookStore } from '../store/webhook-store';
import type { WebhookSecrets } from '../webhooks/secret-store';
import type { UrlSafetyOptions } from '../webhooks/url-safety';
import type { Deps } from './context';

/** What the webhook use cases need besides: the endpoints' store, the secret store and how URLs are checked. */
export interface WebhookDeps extends Deps {
  readonly webhooks: WebhookStore;
  readonly secrets: WebhookSecrets;
  readonly urlSafety: UrlSafetyOptions;
  readonly newId: () => string;
}
