import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, MaxLength } from 'class-validator';

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
}
