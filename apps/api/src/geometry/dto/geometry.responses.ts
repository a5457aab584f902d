import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GeometryDto } from './geometry.dto';

export class StructureGeometryResponse {
  @ApiProperty() tenant_id: number;
  @ApiProperty() structure_id: string;
  @ApiProperty({
    description: 'Every PUT stores the next version; results are drawn with the one of their time',
  })
  version: number;
  @ApiProperty({ type: GeometryDto, description: 'As given, every direction a unit vector' })
  geometry: GeometryDto;
  @ApiProperty() created_by: number;
  @ApiProperty() created_at: Date;
}

export class ModeOnGeometryResponse {
  @ApiProperty({ example: 2.431 }) frequency_hz: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.012 }) damping_ratio: number | null;
  @ApiPropertyOptional({ description: 'Modal phase collinearity (1: a real mode)' }) mpc?: number;
  @ApiProperty({ description: "Largest phase of a component away from the shape's axis, degrees" })
  phase_spread_deg: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'number' }, minItems: 3, maxItems: 3 },
    description: "Each node's displacement [ux, uy, uz], the largest of length 1",
    example: { 'deck-3': [0, 0, 1], 'deck-2.5': [0, 0, 0.81] },
  })
  nodes: Record<string, [number, number, number]>;
}

export class ModeShapesResponse {
  @ApiProperty() analysis_id: string;
  @ApiProperty() geometry_version: number;
  @ApiProperty({ type: [String] }) channels: string[];
  @ApiProperty({
    type: [String],
    description: "Sensors' channels the result does not have (their nodes rest)",
  })
  missing_channels: string[];
  @ApiProperty({ type: [ModeOnGeometryResponse], description: "In the result's mode order" })
  modes: ModeOnGeometryResponse[];
}
