import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsISO8601,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsPositive,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsEnvironment } from '../../common/is-environment';
import { OptionalField } from '../../common/optional-field';

/** For large files and flaky links: the client sends the parts straight to object storage. */
export class PresignedUploadDto {
  @ApiProperty({ enum: ['presigned'] })
  @IsIn(['presigned'])
  mode: 'presigned';

  @ApiProperty({ example: 'deck-2026-11-23.csv', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  file_name: string;

  @ApiProperty({
    description: 'The file size in bytes (at most UPLOAD_MAX_BYTES)',
    example: 734003200,
    minimum: 1,
  })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  size: number;

  @ApiPropertyOptional({ description: 'Needed when the recording has no time column', example: 100 })
  @OptionalField()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  sampling_rate_hz?: number;

  @ApiPropertyOptional({
    description: 'When the recording was made (ISO 8601): its measurement time for monitoring',
    example: '2026-11-23T10:00:00Z',
  })
  @OptionalField()
  @IsISO8601({ strict: true }, { message: 'recorded_at must be an ISO 8601 date and time' })
  recorded_at?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Environmental values at the measurement, by snake_case name (at most 32)',
    example: { temperature_c: 4.5 },
  })
  @OptionalField()
  @IsEnvironment()
  environment?: Record<string, number>;
}

export class PartUrl {
  @ApiProperty({ example: 1 }) part_number: number;
  @ApiProperty({ description: 'PUT the part here (its bytes as the body); valid until expires_at' })
  url: string;
}

export class PresignedParts {
  @ApiProperty({ example: 8388608, description: 'Every part but the last has exactly this many bytes' })
  part_size: number;
  @ApiProperty({ example: 88 }) parts: number;
  @ApiProperty({ description: 'Parts stored so far', example: 40 }) received: number;
  @ApiProperty({ type: [PartUrl], description: 'URLs of the parts not yet stored' }) missing: PartUrl[];
  @ApiProperty() expires_at: Date;
}
