import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CreateWebhookDto, UpdateWebhookDto } from './dto/webhook.dto';
import {
  CreatedWebhookResponse,
  WebhookDeliveryPage,
  WebhookDeliveryResponse,
  WebhookPage,
  WebhookResponse,
} from './dto/webhook.responses';
import { PageQueryDto } from '../common/page-query.dto';
import { CurrentPrincipal } from '@modalflow/auth';
import { type Principal } from '@modalflow/contracts';
import { WebhooksService } from '@modalflow/notifications';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary: 'Be told of events outside the app',
    description:
      'Each event asked for is POSTed as JSON, signed (header ModalFlow-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">), ' +
      "with the event's id as Idempotency-Key; retried with back-off until a 2xx; disabled after WEBHOOK_DISABLE_AFTER failed deliveries in a row. " +
      'Alerts raised inside a maintenance window or snoozed are not sent.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateWebhookDto) {
    return this.webhooks.create(principal, dto);
  }

  @Get()
  @ApiOkResponse({ type: WebhookPage })
  list(@CurrentPrincipal() principal: Principal, @Query() page: PageQueryDto) {
    return this.webhooks.list(principal, page);
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookResponse })
  @ApiNotFoundResponse()
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.webhooks.get(principal, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: WebhookResponse })
  @ApiNotFoundResponse()
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: UpdateWebhookDto) {
    return this.webhooks.update(principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.webhooks.remove(principal, id);
  }

  @Post(':id/ping')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a `ping` event to the webhook now, to try its receiver' })
  @ApiAcceptedResponse({ type: WebhookDeliveryResponse })
  @ApiNotFoundResponse()
  ping(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.webhooks.ping(principal, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "The webhook's delivery log, the latest first, with every attempt" })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  @ApiNotFoundResponse()
  deliveries(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() page: PageQueryDto) {
    return this.webhooks.deliveryLog(principal, id, page);
  }
}
