import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RESOURCE_STATUSES, ResourceStatus } from '@modalflow/contracts';
import { PageQueryDto } from '../../common/page-query.dto';

export class ListResourcesQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: RESOURCE_STATUSES })
  @IsOptional()
  @IsIn(RESOURCE_STATUSES)
  status?: ResourceStatus;
}
