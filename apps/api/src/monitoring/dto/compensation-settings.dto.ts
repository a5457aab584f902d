import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsNumber,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { OptionalField } from '../../common/optional-field';
import { COMPENSATION_DEFAULTS, COMPENSATION_LIMITS, type CompensationSettings } from '@modalflow/oma';

const FINITE = { allowNaN: false, allowInfinity: false };

type Bounded = keyof typeof COMPENSATION_LIMITS & keyof typeof COMPENSATION_DEFAULTS;

/** An optional setting within its COMPENSATION_LIMITS, its default in the docs. */
function Setting(name: Bounded, description: string, integer = false) {
  const { min, max } = COMPENSATION_LIMITS[name];
  return applyDecorators(
    ApiPropertyOptional({ description, default: COMPENSATION_DEFAULTS[name], minimum: min, maximum: max }),
    OptionalField(),
    integer ? IsInt() : IsNumber(FINITE),
    Min(min),
    Max(max),
  );
}

/** Environmental compensation of a rule's tracks (docs/monitoring.md, "Environmental compensation"). */
export class CompensationSettingsDto implements Partial<CompensationSettings> {
  @ApiProperty({
    description:
      "Environmental values the frequencies are regressed on (names in the measurements' environment)",
    example: ['temperature_c'],
    minItems: COMPENSATION_LIMITS.covariates.min,
    maxItems: COMPENSATION_LIMITS.covariates.max,
  })
  @IsArray()
  @ArrayMinSize(COMPENSATION_LIMITS.covariates.min)
  @ArrayMaxSize(COMPENSATION_LIMITS.covariates.max)
  @ArrayUnique({ message: 'covariates names a value twice' })
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { each: true, message: 'each covariate is a snake_case name' })
  covariates: string[];

  @ApiProperty({
    description: "Points (with every covariate) each track's model is trained on",
    example: 60,
    minimum: COMPENSATION_LIMITS.training_records.min,
    maximum: COMPENSATION_LIMITS.training_records.max,
  })
  @IsInt()
  @Min(COMPENSATION_LIMITS.training_records.min)
  @Max(COMPENSATION_LIMITS.training_records.max)
  training_records: number;

  @Setting('sigma', 'Control limit, in standard deviations of the training residuals')
  sigma?: number;

  @Setting(
    'consecutive',
    'ALERT after this many points beyond the limit in a row (CLEARED after as many within)',
    true,
  )
  consecutive?: number;

  @Setting('clear_sigma', 'CLEARED once back within this many standard deviations (at most sigma)')
  clear_sigma?: number;

  @ApiPropertyOptional({ enum: ['shewhart', 'ewma'], default: COMPENSATION_DEFAULTS.chart })
  @OptionalField()
  @IsIn(['shewhart', 'ewma'])
  chart?: 'shewhart' | 'ewma';

  @Setting('ewma_lambda', 'EWMA weight of the newest residual')
  ewma_lambda?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      'Covariates taken from a slow channel of each recording (its mean over the record), by covariate name; ' +
      "they replace the measurement's value of that name. Keep the channel out of the rule's `channels`.",
    example: { temperature_c: 'T_deck' },
  })
  @OptionalField()
  @IsObject()
  channels?: Record<string, string>;

  @Setting(
    'min_presence',
    "A track may alert when seen in at least this fraction of the rule's records over its training",
  )
  min_presence?: number;
}
