// The secrets that sign webhooks, in the Standard Webhooks form (`whsec_` + base64 key). With API
// keys each owner has its own, created and rotated through the API, so no tenant can sign (forge)
// another's deliveries; without keys, WEBHOOK_SECRET or one secret made through the API serves all.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { RequestError } from '../tasks/request-error.js';

/** What the owner sees of its secret: the current value, and whether an older one still signs. */
export interface WebhookSecretInfo {
  secret: string;
  createdAt: Date;
  /** Until when the previous secret signs alongside; null when only the current one signs. */
  previousExpiresAt: Date | null;
}

/** The key of the row for tasks without an owner (no API keys); no API key owner can be empty. */
const openModeOwner = '';

/** The longest a replaced secret may keep signing: a rotation, not a second permanent secret. */
export const maxPreviousValidForSeconds = 30 * 24 * 3600;

const secretPrefix = 'whsec_';
const generatedKeyBytes = 32;

/**
 * The HMAC key of a `whsec_…` secret, or null when it is not one: Standard Webhooks secrets are
 * base64 of 24 to 64 random bytes after the prefix.
 */
export function webhookSigningKey(secret: string): Buffer | null {
  if (!secret.startsWith(secretPrefix)) return null;
  const encoded = secret.slice(secretPrefix.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return null;
  const key = Buffer.from(encoded, 'base64');
  // Node's decoder skips what it cannot read; re-encoding catches a truncated value.
  if (key.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')) return null;
  return key.length >= 24 && key.length <= 64 ? key : null;
}

export function generateWebhookSecret(): string {
  return secretPrefix + randomBytes(generatedKeyBytes).toString('base64');
}

export class WebhookSecrets {
  /**
   * @param configured WEBHOOK_SECRET's values (current first): they sign for tasks without an
   * owner, and then no secret of the open mode is made through the API.
   */
  constructor(private readonly pool: pg.Pool, private readonly configured: string[]) {}

  /** The secrets that sign a delivery for this owner now, current first; empty when it has none. */
  async signingSecrets(owner: string | null): Promise<string[]> {
    if (owner === null && this.configured.length > 0) return this.configured;
    const { rows } = await this.pool.query<{ secret: string; previous: string | null }>(
      `SELECT secret, CASE WHEN previous_expires_at > now() THEN previous_secret END AS previous
       FROM webhook_secret WHERE owner = $1`, [owner ?? openModeOwner]);
    if (!rows[0]) return [];
    return rows[0].previous ? [rows[0].secret, rows[0].previous] : [rows[0].secret];
  }

  async hasSecret(owner: string | null): Promise<boolean> {
    return (await this.signingSecrets(owner)).length > 0;
  }

  /** Why a webhook of this owner cannot be signed, and what to do about it. */
  missingSecretMessage(owner: string | null): string {
    return owner === null
      ? 'Webhooks need a signing secret first: set WEBHOOK_SECRET on the server, or create one with the rotateWebhookSecret mutation.'
      : 'Webhooks need your signing secret first: create it with the rotateWebhookSecret mutation, and verify deliveries with it.';
  }

  /** The owner's secret, or null when it has none (or the server's WEBHOOK_SECRET signs, which the API does not reveal). */
  async current(owner: string | null): Promise<WebhookSecretInfo | null> {
    if (owner === null && this.configured.length > 0) return null;
    const { rows } = await this.pool.query<WebhookSecretInfo>(
      `SELECT secret, created_at AS "createdAt", CASE WHEN previous_expires_at > now() THEN previous_expires_at END AS "previousExpiresAt"
       FROM webhook_secret WHERE owner = $1`, [owner ?? openModeOwner]);
    return rows[0] ?? null;
  }

  /**
   * Creates the owner's secret, or replaces it with a new one while the old one keeps signing
   * (every delivery carries both signatures) for `previousValidForSeconds`; 0 drops it at once,
   * as for a leaked secret. Only two secrets sign at a time: a secret older than the previous
   * one stops with this rotation.
   */
  async rotate(owner: string | null, previousValidForSeconds: number): Promise<WebhookSecretInfo> {
    if (owner === null && this.configured.length > 0) {
      throw new RequestError('CONFLICT', 'This server signs webhooks with WEBHOOK_SECRET from its environment: rotate by changing it there (a comma-separated list signs with each, for a rotation).');
    }
    if (!Number.isInteger(previousValidForSeconds) || previousValidForSeconds < 0 || previousValidForSeconds > maxPreviousValidForSeconds) {
      throw new RequestError('BAD_USER_INPUT', `previousValidFor is whole seconds from 0 to ${maxPreviousValidForSeconds} (30 days).`, 'previousValidFor');
    }
    // One statement, so two rotations at once each leave a consistent pair.
    const { rows } = await this.pool.query<WebhookSecretInfo>(
      `INSERT INTO webhook_secret (owner, secret) VALUES ($1, $2)
       ON CONFLICT (owner) DO UPDATE SET
         secret = EXCLUDED.secret,
         previous_secret = CASE WHEN $3::int > 0 THEN webhook_secret.secret END,
         previous_expires_at = CASE WHEN $3::int > 0 THEN now() + $3::int * interval '1 second' END,
         created_at = now()
       RETURNING secret, created_at AS "createdAt", previous_expires_at AS "previousExpiresAt"`,
      [owner ?? openModeOwner, generateWebhookSecret(), previousValidForSeconds]);
    return rows[0];
  }
}
