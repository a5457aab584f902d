import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsMongoId, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto';
import { ANALYSIS_STATUSES, type AnalysisStatus } from '@modalflow/analyses';
import { ANALYSIS_TYPES, type AnalysisType } from '@modalflow/oma';

export class ListAnalysesQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ANALYSIS_TYPES })
  @IsOptional()
  @IsIn(ANALYSIS_TYPES)
  type?: AnalysisType;

  @ApiPropertyOptional({ enum: ANALYSIS_STATUSES })
  @IsOptional()
  @IsIn(ANALYSIS_STATUSES)
  status?: AnalysisStatus;

  @ApiPropertyOptional({
    description: 'Only the analyses this monitoring rule created',
    pattern: '^[0-9a-fA-F]{24}$',
  })
  @IsOptional()
  @IsMongoId()
  rule_id?: string;
}
