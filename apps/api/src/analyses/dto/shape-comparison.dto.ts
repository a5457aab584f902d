import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsMongoId, IsOptional, Max, Min } from 'class-validator';

export class ShapeComparisonQuery {
  @ApiPropertyOptional({
    description:
      'Another analysis of the structure: cross-MAC and COMAC with it (default: the AutoMAC of this one)',
    pattern: '^[0-9a-fA-F]{24}$',
  })
  @IsOptional()
  @IsMongoId()
  with?: string;
}

export class PlotQuery extends ShapeComparisonQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 1_000_000,
    description: "mode-shapes-3d: the geometry version (default: the one of the result's time)",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;
}

class ComparedMode {
  @ApiProperty({ example: 2.431 }) frequency_hz: number;
}

class ModePairResponse {
  @ApiProperty({ description: "Index of this analysis's mode" }) first: number;
  @ApiProperty({ description: "Index of the other analysis's mode" }) second: number;
  @ApiProperty() mac: number;
}

class ChannelComac {
  @ApiProperty() channel: string;
  @ApiProperty({ description: '1: the two results move this channel alike in every paired mode' })
  value: number;
}

export class ShapeComparisonResponse {
  @ApiProperty() analysis_id: string;
  @ApiProperty({ description: 'The other analysis (this one for an AutoMAC)' }) with_id: string;
  @ApiProperty({
    type: [String],
    description: 'The channels both results have, over which shapes are compared',
  })
  channels: string[];
  @ApiProperty({ type: [ComparedMode] }) rows: ComparedMode[];
  @ApiProperty({ type: [ComparedMode] }) columns: ComparedMode[];
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'number' } } }) mac: number[][];
  @ApiPropertyOptional({ type: [ModePairResponse], description: 'Modes paired by shape (MAC at least 0.5)' })
  pairs?: ModePairResponse[];
  @ApiPropertyOptional({ type: [ChannelComac] }) comac?: ChannelComac[];
}
