import { Inject, Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature';
import { WebhookDeliveryMessage } from './webhook-delivery.message';
import { DeliveryAttempt } from './persistence/webhook-delivery.schema';
import { WebhookDeliveryRepository } from './persistence/webhook-delivery.repository';
import { LastDelivery } from './persistence/webhook.schema';
import { WebhookRepository } from './persistence/webhook.repository';
import { webhookConfig, WebhookConfig } from '@modalflow/config';
import { DownloadError, postJson } from '@modalflow/ingestion';
import { type Delivery } from '@modalflow/messaging';

/** A failed attempt that another may mend: thrown so the work queue retries it later. */
class RetryableDeliveryError extends Error {}

/**
 * Sends one delivery (fetch worker, queue `webhook_delivery`): the stored body POSTed to the hook's
 * URL under the outbound policy, signed, with the event id as Idempotency-Key. A 2xx ends it
 * DELIVERED; anything else is retried through the queue's back-off until the last attempt, or at once
 * FAILED when retrying cannot help (the URL refused by the outbound policy). Every attempt is logged.
 */
@Injectable()
export class DeliverWebhookService {
  private readonly logger = new Logger(DeliverWebhookService.name);

  constructor(
    private readonly hooks: WebhookRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    @Inject(webhookConfig.KEY) private readonly config: WebhookConfig,
  ) {}

  async deliver(message: WebhookDeliveryMessage, delivery: Delivery): Promise<void> {
    const { tenant_id: tenantId, delivery_id: id } = message;
    const record = await this.deliveries.findById(tenantId, id);
    if (!record || record.hook_id !== message.hook_id || record.status !== 'PENDING') return;
    const hook = await this.hooks.findById(tenantId, record.hook_id);
    if (!hook || !hook.enabled) {
      const reason = hook
        ? `its webhook is disabled${hook.disabled_reason ? ` (${hook.disabled_reason})` : ''}`
        : 'its webhook was deleted';
      await this.deliveries.finish(tenantId, id, 'SKIPPED', reason);
      return;
    }
    const { attempt, retryable } = await this.attempt(hook.url, hook.secret, record, delivery.attempt);
    await this.deliveries.attempted(tenantId, id, attempt);
    const last: LastDelivery = {
      at: attempt.at,
      delivery_id: id,
      event: record.event,
      outcome: attempt.error ? 'FAILED' : 'DELIVERED',
      ...(attempt.status_code !== undefined ? { status_code: attempt.status_code } : {}),
      ...(attempt.error ? { error: attempt.error } : {}),
    };
    if (!attempt.error) {
      await this.deliveries.finish(tenantId, id, 'DELIVERED');
      await this.hooks.delivered(tenantId, hook.id, last);
      return;
    }
    if (retryable && !delivery.isLastAttempt)
      throw new RetryableDeliveryError(`webhook ${hook.id}: ${attempt.error}`);
    await this.deliveries.finish(
      tenantId,
      id,
      'FAILED',
      `after ${delivery.attempt} attempts: ${attempt.error}`,
    );
    const updated = await this.hooks.failed(tenantId, hook.id, last, this.config.disableAfter);
    if (updated && !updated.enabled) this.logger.warn(`webhook ${hook.id} ${updated.disabled_reason}`);
  }

  private async attempt(
    url: string,
    secret: string,
    record: { event_id: string; event: string; body: string; id: string },
    attempt: number,
  ): Promise<{ attempt: DeliveryAttempt; retryable: boolean }> {
    const at = new Date();
    const started = performance.now();
    const timestamp = Math.floor(at.getTime() / 1000);
    try {
      const { status } = await postJson(
        url,
        record.body,
        {
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, record.body),
          'modalflow-event': record.event,
          'modalflow-delivery': record.id,
          'idempotency-key': record.event_id,
          'user-agent': 'ModalFlow-Webhooks/1',
        },
        { timeoutMs: this.config.timeoutMs, allowedHosts: this.config.allowedHosts },
      );
      const ok = status >= 200 && status < 300;
      return {
        attempt: {
          attempt,
          at,
          duration_ms: elapsed(started),
          status_code: status,
          ...(ok ? {} : { error: `answered HTTP ${status}` }),
        },
        retryable: true,
      };
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      return {
        attempt: { attempt, at, duration_ms: elapsed(started), error: error.message },
        retryable: error.retryable,
      };
    }
  }
}

const elapsed = (started: number) => Math.round(performance.now() - started);
