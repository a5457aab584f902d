import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNumber,
  IsObject,
  IsPositive,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { OptionalField } from '../../common/optional-field';
import { ChannelSelection } from '../../analyses/dto/analysis-input.dto';
import { CompensationSettingsDto } from './compensation-settings.dto';
import { TrackingSettingsDto } from './tracking-settings.dto';
import { MONITORED_ANALYSIS_TYPES, type MonitoredAnalysisType } from '@modalflow/monitoring';
import { FDD_DEFAULTS, SSI_DEFAULTS } from '@modalflow/oma';

export class CreateMonitoringRuleDto {
  @ApiPropertyOptional({ example: 'Deck modes, every recording', maxLength: 200 })
  @OptionalField()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiProperty({
    enum: MONITORED_ANALYSIS_TYPES,
    example: 'SSI',
    description: 'The analysis each measurement gets',
  })
  @IsIn(MONITORED_ANALYSIS_TYPES)
  type: MonitoredAnalysisType;

  @ApiPropertyOptional({
    description:
      `Parameters of the analysis, checked as for analyses. Defaults: FDD ${JSON.stringify(FDD_DEFAULTS)}; ` +
      `SSI ${JSON.stringify(SSI_DEFAULTS)}. See docs/oma.md.`,
    example: { order_max: 40 },
    type: 'object',
    additionalProperties: true,
  })
  @OptionalField()
  @IsObject()
  params?: Record<string, unknown>;

  @ChannelSelection()
  channels?: string[];

  @ApiPropertyOptional({
    description: 'Measurements shorter than this are skipped (seconds)',
    example: 300,
    minimum: 0,
    exclusiveMinimum: true,
  })
  @OptionalField()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  min_duration_s?: number;

  @ApiPropertyOptional({ default: true, description: 'A disabled rule triggers nothing; its tracks stay' })
  @OptionalField()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ type: TrackingSettingsDto, description: 'How modes are tracked and shifts raised' })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => TrackingSettingsDto)
  tracking?: TrackingSettingsDto;

  @ApiPropertyOptional({
    type: CompensationSettingsDto,
    description:
      "Environmental compensation: each track's frequency regressed on measured covariates, ALERT by a control chart of the residuals (set at creation)",
  })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => CompensationSettingsDto)
  compensation?: CompensationSettingsDto;
}
