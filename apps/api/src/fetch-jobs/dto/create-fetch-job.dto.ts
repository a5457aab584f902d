import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsMongoId, IsUrl, Max, MaxLength, Min } from 'class-validator';
import { OptionalField } from '../../common/optional-field';

export class CreateFetchJobDto {
  @ApiProperty({
    example: 'https://monitoring.example.org/exports/2026-11-23/index.json',
    format: 'uri',
    pattern: '^https?://[^\\s/]+',
    maxLength: 2048,
    description:
      'URL of an index of resources: a JSON array or NDJSON, each with id, creation_date and data or url',
  })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2048)
  sourceUrl: string;

  @ApiPropertyOptional({
    example: '6426ff08edc3cbd39eac2a93',
    pattern: '^[0-9a-fA-F]{24}$',
    description: 'Structure whose measurements the time series of this job become',
  })
  @OptionalField()
  @IsMongoId()
  structureId?: string;

  @ApiPropertyOptional({
    example: 3,
    type: 'integer',
    minimum: 1,
    maximum: 20,
    description: 'Attempts per resource; default MAX_ATTEMPTS',
  })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(20)
  maxAttempts?: number;
}
