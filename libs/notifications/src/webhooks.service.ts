import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { PING_EVENT, webhookBody, type WebhookEvent } from './webhook-events';
import { WebhookQueue } from './webhook-queue';
import { WebhookDelivery } from './persistence/webhook-delivery.schema';
import { WebhookDeliveryRepository } from './persistence/webhook-delivery.repository';
import { Webhook } from './persistence/webhook.schema';
import { WebhookRepository } from './persistence/webhook.repository';
import { webhookConfig, WebhookConfig } from '@modalflow/config';
import { type Principal, fieldError } from '@modalflow/contracts';
import { Page, PageRequest, Stored } from '@modalflow/database';
import { OutboundPolicy, OutboundRefusedError } from '@modalflow/ingestion';

export const WEBHOOK_LIMITS = { per_tenant: 20, url_length: 2048, secret_min: 16, secret_max: 256 } as const;

export interface NewWebhook {
  url: string;
  events: WebhookEvent[];
  secret?: string;
  description?: string;
}

export type WebhookChanges = Partial<Omit<NewWebhook, 'secret'>> & { enabled?: boolean };

/** A webhook as shown: everything but its secret. */
export type WebhookView = Omit<Stored<Webhook>, 'secret'>;

/** A tenant's webhooks (docs/notifications.md): create, read, change, delete, ping, their delivery log. */
@Injectable()
export class WebhooksService {
  private readonly outbound: OutboundPolicy;

  constructor(
    private readonly hooks: WebhookRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly queue: WebhookQueue,
    @Inject(webhookConfig.KEY) config: WebhookConfig,
  ) {
    this.outbound = OutboundPolicy.parse(config.allowedHosts);
  }

  /** The new hook with its secret: the only time the secret is shown. */
  async create(principal: Principal, hook: NewWebhook): Promise<WebhookView & { secret: string }> {
    this.checkUrl(hook.url);
    if ((await this.hooks.count(principal.tenantId)) >= WEBHOOK_LIMITS.per_tenant)
      throw fieldError('body', `a tenant has at most ${WEBHOOK_LIMITS.per_tenant} webhooks`);
    const secret = hook.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
    const created = await this.hooks.create(principal.tenantId, {
      url: hook.url,
      events: [...new Set(hook.events)],
      secret,
      ...(hook.description ? { description: hook.description } : {}),
      enabled: true,
      consecutive_failures: 0,
      created_by: principal.userId,
    });
    return { ...view(created), secret };
  }

  async list(principal: Principal, page: PageRequest): Promise<Page<WebhookView>> {
    const found = await this.hooks.findPage(principal.tenantId, {}, page);
    return { ...found, items: found.items.map(view) };
  }

  async get(principal: Principal, id: string): Promise<WebhookView> {
    return view(await this.found(principal, id));
  }

  /** Enabling a hook again clears its failures and the reason it was disabled. */
  async update(principal: Principal, id: string, changes: WebhookChanges): Promise<WebhookView> {
    await this.found(principal, id);
    if (Object.values(changes).every((value) => value === undefined))
      throw fieldError('body', 'give at least one field to change');
    if (changes.url !== undefined) this.checkUrl(changes.url);
    const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (changes.events) set.events = [...new Set(changes.events)];
    const update = changes.enabled
      ? { $set: { ...set, consecutive_failures: 0 }, $unset: { disabled_reason: 1 } }
      : { $set: set };
    return view((await this.hooks.updateById(principal.tenantId, id, update))!);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.found(principal, id);
    await this.hooks.deleteById(principal.tenantId, id);
    await this.deliveries.removeForHook(principal.tenantId, id);
  }

  /** Queues a `ping` delivery to the hook (whatever events it asks for), to try the receiver. */
  async ping(principal: Principal, id: string): Promise<Omit<Stored<WebhookDelivery>, 'body'>> {
    const hook = await this.found(principal, id);
    const eventId = randomUUID();
    const body = webhookBody(eventId, PING_EVENT, {
      tenant_id: principal.tenantId,
      hook_id: hook.id,
      at: new Date().toISOString(),
    });
    const { body: sent, ...delivery } = await this.queue.enqueue(
      principal.tenantId,
      hook.id,
      eventId,
      PING_EVENT,
      body,
    );
    void sent;
    return delivery;
  }

  async deliveryLog(principal: Principal, id: string, page: PageRequest) {
    await this.found(principal, id);
    return this.deliveries.forHook(principal.tenantId, id, page);
  }

  private async found(principal: Principal, id: string): Promise<Stored<Webhook>> {
    const hook = await this.hooks.findById(principal.tenantId, id);
    if (!hook) throw new NotFoundException(`webhook ${id} not found`);
    return hook;
  }

  /** What the worker would refuse without resolving a name, refused now with a 400. */
  private checkUrl(url: string): void {
    try {
      this.outbound.checkUrl(new URL(url));
    } catch (error) {
      if (error instanceof OutboundRefusedError) throw fieldError('url', `is refused: ${error.message}`);
      throw fieldError('url', 'must be an absolute http or https URL');
    }
  }
}

function view(hook: Stored<Webhook>): WebhookView {
  const { secret, ...shown } = hook;
  void secret;
  return shown;
}
