import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto';
import { FETCH_JOB_STATUSES, FetchJobStatus } from '@modalflow/fetch-jobs';

export class ListFetchJobsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: FETCH_JOB_STATUSES })
  @IsOptional()
  @IsIn(FETCH_JOB_STATUSES)
  status?: FetchJobStatus;
}
