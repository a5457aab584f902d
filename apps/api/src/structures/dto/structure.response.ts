import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class StructureResponse {
  @ApiProperty({ example: '6426ff08edc3cbd39eac2a93' })
  id: string;
  @ApiProperty({ example: 9 })
  tenant_id: number;
  @ApiProperty({ example: 'Lysefjord Bridge' })
  name: string;
  @ApiPropertyOptional()
  description?: string;
  @ApiPropertyOptional()
  location?: string;
  @ApiProperty({ example: 7 })
  created_by: number;
  @ApiProperty()
  created_at: Date;
  @ApiProperty()
  updated_at: Date;
}

export class StructureSummaryResponse {
  @ApiProperty({ description: 'Measurements in the measures database (from fetch jobs)', example: 1440 })
  measurements: number;
  @ApiProperty({ description: 'Finished uploads', example: 12 })
  uploads: number;
  @ApiPropertyOptional({ description: 'The latest measurement time over measurements and uploads' })
  last_measurement_at?: Date;
  @ApiProperty({ example: 6 })
  tracked_modes: number;
  @ApiProperty({ description: 'Tracked modes in ALERT', example: 1 })
  open_alerts: number;
}

export class StructureListItem extends StructureResponse {
  @ApiProperty({ type: StructureSummaryResponse })
  summary: StructureSummaryResponse;
}

export class StructurePage {
  @ApiProperty({ type: [StructureListItem], description: 'Each with its summary' })
  items: StructureListItem[];
  @ApiProperty({ example: 1 })
  total: number;
  @ApiProperty({ example: 0 })
  offset: number;
  @ApiProperty({ example: 20 })
  limit: number;
}
