import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  MaxLength,
} from 'class-validator';
import { IsEnvironment, parsedJson } from '../../common/is-environment';

export class UploadQuery {
  @ApiPropertyOptional({
    description: 'The file name of a raw body (a form part brings its own)',
    example: 'deck-2026-11-23.csv',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  file_name?: string;

  @ApiPropertyOptional({
    description: 'Sampling rate of a recording without a time column (it wins over one)',
    example: 100,
  })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  sampling_rate_hz?: number;

  @ApiPropertyOptional({
    description: 'When the recording was made (ISO 8601): its measurement time for monitoring (default: now)',
    example: '2026-11-23T10:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'recorded_at must be an ISO 8601 date and time' })
  recorded_at?: string;

  @ApiPropertyOptional({
    description:
      'Environmental values at the measurement, as a JSON object of numbers by snake_case name (at most 32)',
    example: '{"temperature_c":4.5,"wind_mps":7.2}',
    type: String,
  })
  @IsOptional()
  @Transform(parsedJson)
  @IsEnvironment()
  environment?: Record<string, number>;
}
