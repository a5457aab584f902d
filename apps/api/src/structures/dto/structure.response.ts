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

export class StructurePage {
  @ApiProperty({ type: [StructureResponse] })
  items: StructureResponse[];
  @ApiProperty({ example: 1 })
  total: number;
  @ApiProperty({ example: 0 })
  offset: number;
  @ApiProperty({ example: 20 })
  limit: number;
}
