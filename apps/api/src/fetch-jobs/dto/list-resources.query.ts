import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto';
import { RESOURCE_STATUSES, ResourceStatus } from '@modalflow/fetch-jobs';

/** Resources are small and read page by page: a listing may take more of them than of other documents. */
export const MAX_RESOURCES_PER_PAGE = 1000;

export class ListResourcesQuery extends PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', default: 20, minimum: 1, maximum: MAX_RESOURCES_PER_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_RESOURCES_PER_PAGE)
  override limit = 20;

  @ApiPropertyOptional({
    enum: RESOURCE_STATUSES,
    description:
      'QUEUED: valid and not settled yet (waiting, in processing or between retries); DONE or FAILED: settled; INVALID: rejected by the fetch worker',
  })
  @IsOptional()
  @IsIn(RESOURCE_STATUSES)
  status?: ResourceStatus;
}
