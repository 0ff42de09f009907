// The caller's webhook signing secret: read it, create it, rotate it. Owner-scoped like tasks:
// a key sees and rotates only its own owner's secret.
import type { WebhookSecretInfo } from '../webhooks/webhook-secrets.js';
import { builder } from './builder.js';

const defaultPreviousValidForSeconds = 24 * 3600;

const WebhookSecret = builder.objectRef<WebhookSecretInfo>('WebhookSecret').implement({
  description: 'The Standard Webhooks secret that signs your webhooks (https://www.standardwebhooks.com): verify each delivery\'s webhook-signature with it.',
  fields: (t) => ({
    secret: t.exposeString('secret', { description: '`whsec_` + base64 of the HMAC-SHA256 key, as Standard Webhooks libraries take it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When this secret was made.' }),
    previousExpiresAt: t.expose('previousExpiresAt', {
      type: 'DateTime', nullable: true,
      description: 'Until when the secret this one replaced still signs too (deliveries carry both signatures); null when only this one signs.',
    }),
  }),
});

builder.queryField('webhookSecret', (t) => t.field({
  type: WebhookSecret,
  nullable: true,
  description: 'Your webhook signing secret; null until rotateWebhookSecret made one (and without API keys when the server\'s WEBHOOK_SECRET signs).',
  resolve: (_root, _args, context) => context.webhookSecrets.current(context.owner),
}));

builder.mutationField('rotateWebhookSecret', (t) => t.field({
  type: WebhookSecret,
  description: 'Creates your webhook signing secret, or replaces it: the old one keeps signing beside the new one for previousValidFor seconds, so receivers can switch without missing a delivery.',
  args: {
    previousValidFor: t.arg.int({
      required: true,
      defaultValue: defaultPreviousValidForSeconds,
      description: 'Seconds the replaced secret still signs, 0 to 2592000 (30 days); 0 stops it at once (a leaked secret).',
    }),
  },
  resolve: (_root, args, context) => context.webhookSecrets.rotate(context.owner, args.previousValidFor),
}));
