import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  IsUrl,
  Length,
  MaxLength,
} from 'class-validator';
import { OptionalField } from '../../common/optional-field';
import { WEBHOOK_EVENTS, WEBHOOK_LIMITS, type WebhookEvent } from '@modalflow/notifications';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class CreateWebhookDto {
  @ApiProperty({
    description:
      'Where events are POSTed: http or https, public hosts only unless FETCH_ALLOWED_HOSTS allows (like fetch sources)',
    maxLength: WEBHOOK_LIMITS.url_length,
    example: 'https://hooks.example.org/modalflow',
  })
  @IsString()
  @MaxLength(WEBHOOK_LIMITS.url_length)
  @IsUrl(URL_OPTIONS, { message: 'url must be an absolute http or https URL' })
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['alert.opened', 'alert.closed'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEvent[];

  @ApiPropertyOptional({
    description: 'HMAC-SHA256 key of the signatures (default: one generated and shown once, in this answer)',
    minLength: WEBHOOK_LIMITS.secret_min,
    maxLength: WEBHOOK_LIMITS.secret_max,
  })
  @OptionalField()
  @IsString()
  @Length(WEBHOOK_LIMITS.secret_min, WEBHOOK_LIMITS.secret_max)
  secret?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'On-call phone gateway' })
  @OptionalField()
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ maxLength: WEBHOOK_LIMITS.url_length })
  @OptionalField()
  @IsString()
  @MaxLength(WEBHOOK_LIMITS.url_length)
  @IsUrl(URL_OPTIONS, { message: 'url must be an absolute http or https URL' })
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENTS, isArray: true })
  @OptionalField()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events?: WebhookEvent[];

  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalField()
  @IsString()
  @MaxLength(200)
  description?: string;

  @ApiPropertyOptional({ description: 'true enables it again (its failures counted from zero)' })
  @OptionalField()
  @IsBoolean()
  enabled?: boolean;
}
