import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsNumber, IsString, ValidateNested } from 'class-validator';
import { OptionalField } from '../../common/optional-field';
import { GEOMETRY_LIMITS } from '@modalflow/oma';

const FINITE = { allowNaN: false, allowInfinity: false };

export class GeometryNodeDto {
  @ApiProperty({ example: 'deck-3', maxLength: GEOMETRY_LIMITS.id_length }) @IsString() id: string;
  @ApiProperty({ description: 'metres', example: 30 }) @IsNumber(FINITE) x: number;
  @ApiProperty({ description: 'metres', example: 0 }) @IsNumber(FINITE) y: number;
  @ApiProperty({ description: 'metres', example: 12.5 }) @IsNumber(FINITE) z: number;
}

export class GeometrySensorDto {
  @ApiProperty({ description: "A channel of the recordings (a result's channel)", example: 's3' })
  @IsString()
  channel: string;

  @ApiProperty({ example: 'deck-3' }) @IsString() node: string;

  @ApiProperty({
    description: 'The direction it measures: a unit vector [dx, dy, dz], or x, y, z, -x, -y, -z',
    oneOf: [
      { type: 'array', items: { type: 'number' }, minItems: 3, maxItems: 3 },
      { type: 'string', enum: ['x', 'y', 'z', '-x', '-y', '-z'] },
    ],
    example: [0.7071, 0.7071, 0],
  })
  @IsDefined()
  direction: [number, number, number] | string;
}

export class LinkSourceDto {
  @ApiProperty({ example: 'deck-2' }) @IsString() node: string;
  @ApiProperty({ example: 0.5 }) @IsNumber(FINITE) weight: number;
}

export class GeometryLinkDto {
  @ApiProperty({ description: 'An unmeasured node', example: 'deck-2.5' }) @IsString() node: string;

  @ApiProperty({
    type: [LinkSourceDto],
    description: "Its displacement is the weighted sum of these nodes' displacements",
    maxItems: GEOMETRY_LIMITS.link_sources,
  })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LinkSourceDto)
  from: LinkSourceDto[];
}

export class GeometryDto {
  @ApiProperty({ type: [GeometryNodeDto], maxItems: GEOMETRY_LIMITS.nodes })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => GeometryNodeDto)
  nodes: GeometryNodeDto[];

  @ApiPropertyOptional({
    description: 'Pairs of node ids, drawn as lines',
    type: 'array',
    items: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 },
    maxItems: GEOMETRY_LIMITS.lines,
    example: [['deck-2', 'deck-3']],
  })
  @OptionalField()
  @IsArray()
  lines?: Array<[string, string]>;

  @ApiPropertyOptional({
    description: 'Triangles or quads of node ids, drawn as surfaces',
    type: 'array',
    items: { type: 'array', items: { type: 'string' }, minItems: 3, maxItems: 4 },
    maxItems: GEOMETRY_LIMITS.faces,
  })
  @OptionalField()
  @IsArray()
  faces?: string[][];

  @ApiProperty({ type: [GeometrySensorDto], maxItems: GEOMETRY_LIMITS.sensors })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => GeometrySensorDto)
  sensors: GeometrySensorDto[];

  @ApiPropertyOptional({ type: [GeometryLinkDto], maxItems: GEOMETRY_LIMITS.links })
  @OptionalField()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => GeometryLinkDto)
  links?: GeometryLinkDto[];
}
