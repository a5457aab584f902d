import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class RemoveStructureQuery {
  @ApiPropertyOptional({
    type: Boolean,
    description: 'Also delete its analyses, results, monitoring rules and tracked modes',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'cascade must be true or false' })
  cascade?: 'true' | 'false';
}
