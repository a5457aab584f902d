import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsMongoId, IsOptional, IsUrl, Max, Min } from 'class-validator';

export class CreateFetchJobDto {
  @ApiProperty({
    example: 'https://monitoring.example.org/exports/2026-11-23/index.json',
    description:
      'URL of an index of resources: a JSON array or NDJSON, each with id, creation_date and data or url',
  })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  sourceUrl: string;

  @ApiPropertyOptional({
    example: '6426ff08edc3cbd39eac2a93',
    description: 'Structure whose measurements the time series of this job become',
  })
  @IsOptional()
  @IsMongoId()
  structureId?: string;

  @ApiPropertyOptional({
    example: 3,
    minimum: 1,
    maximum: 20,
    description: 'Attempts per resource; default MAX_ATTEMPTS',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  maxAttempts?: number;
}
