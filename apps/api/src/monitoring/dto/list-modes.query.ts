import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsMongoId, IsOptional } from 'class-validator';

export class ListModesQuery {
  @ApiPropertyOptional({
    description: 'Only the tracks of this monitoring rule',
    pattern: '^[0-9a-fA-F]{24}$',
  })
  @IsOptional()
  @IsMongoId()
  rule_id?: string;
}
