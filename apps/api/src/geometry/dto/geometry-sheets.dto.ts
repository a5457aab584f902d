import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { OptionalField } from '../../common/optional-field';

/** The body limit (API_MAX_BODY_BYTES) bounds the sheets together; this bounds each. */
const SHEET_LENGTH = 4_000_000;

export class GeometrySheetsDto {
  @ApiProperty({
    description: 'CSV with the header `id,x,y,z` (metres)',
    example: 'id,x,y,z\nground,0,0,0\nf1,0,0,3\nroof,0,0,6',
  })
  @IsString()
  @MaxLength(SHEET_LENGTH)
  nodes: string;

  @ApiPropertyOptional({
    description: 'CSV with the header `from,to`',
    example: 'from,to\nground,f1\nf1,roof',
  })
  @OptionalField()
  @IsString()
  @MaxLength(SHEET_LENGTH)
  lines?: string;

  @ApiProperty({
    description:
      'CSV with the header `channel,node,direction` (x, y, z, -x, -y, -z) or `channel,node,dx,dy,dz`',
    example: 'channel,node,direction\nch2,f1,x\nch1,roof,x',
  })
  @IsString()
  @MaxLength(SHEET_LENGTH)
  sensors: string;

  @ApiPropertyOptional({
    description: 'CSV with the header `node,from,weight`, one row per node followed',
    example: 'node,from,weight\nmid,f1,0.5\nmid,roof,0.5',
  })
  @OptionalField()
  @IsString()
  @MaxLength(SHEET_LENGTH)
  links?: string;
}
