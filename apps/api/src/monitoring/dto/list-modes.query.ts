import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsMongoId, IsOptional } from 'class-validator';

export class ListModesQuery {
  @ApiPropertyOptional({ description: 'Only the tracks of this monitoring rule' })
  @IsOptional()
  @IsMongoId()
  rule_id?: string;
}
