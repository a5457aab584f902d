import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RESOURCE_STATUSES, ResourceStatus } from '@modalflow/contracts';
import { PageQueryDto } from '../../common/page-query.dto';

export class ListResourcesQuery extends PageQueryDto {
  @ApiPropertyOptional({
    enum: RESOURCE_STATUSES,
    description:
      'QUEUED: valid and not settled yet (waiting, in processing or between retries); DONE or FAILED: settled; INVALID: rejected by the fetch worker',
  })
  @IsOptional()
  @IsIn(RESOURCE_STATUSES)
  status?: ResourceStatus;
}
