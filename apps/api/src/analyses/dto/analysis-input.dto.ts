import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsPositive,
  IsString,
  Min,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { OptionalField } from '../../common/optional-field';
import { ANALYSIS_INPUT_SOURCES, type AnalysisInput } from '@modalflow/analyses';
import { PARAMETER_LIMITS } from '@modalflow/oma';
import { givenFields } from '@modalflow/contracts';

type Source = AnalysisInput['source'];

const FINITE = { allowNaN: false, allowInfinity: false };

/** The field must be greater than `other` (0 when `other` is absent). */
function IsAfter(other: string): PropertyDecorator {
  return ValidateBy({
    name: 'isAfter',
    constraints: [other],
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        typeof value === 'number' && value > Number((args?.object as Record<string, unknown>)[other] ?? 0),
      defaultMessage: (args?: ValidationArguments) => `${args?.property} must be after ${other}`,
    },
  });
}

/** The optional channel selection of a recorded input (a measurement, an upload). */
export const ChannelSelection = () =>
  applyDecorators(
    ApiPropertyOptional({
      description: 'The channels to analyse (default: all)',
      type: [String],
      minItems: 2,
      maxItems: PARAMETER_LIMITS.channels,
      uniqueItems: true,
    }),
    OptionalField(),
    IsArray(),
    ArrayMinSize(2),
    ArrayMaxSize(PARAMETER_LIMITS.channels),
    ArrayUnique(),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
  );

/** What every input has; an unknown `source` is refused here. */
export class AnalysisInputDto {
  @ApiProperty({ enum: ANALYSIS_INPUT_SOURCES })
  @IsIn(ANALYSIS_INPUT_SOURCES)
  source: Source;
}

export class MeasurementInputDto extends AnalysisInputDto {
  @ApiProperty({ enum: ['measurement'] }) override source = 'measurement' as const;

  @ApiProperty({ description: 'A measurement of the structure (measures database)', minLength: 1 })
  @IsString()
  @IsNotEmpty()
  measurement_id: string;

  @ChannelSelection()
  channels?: string[];

  @ApiPropertyOptional({ description: 'Start of the window, seconds from the first sample', minimum: 0 })
  @OptionalField()
  @IsNumber(FINITE)
  @Min(0)
  start_s?: number;

  @ApiPropertyOptional({ description: 'End of the window, seconds from the first sample', minimum: 0 })
  @OptionalField()
  @IsNumber(FINITE)
  @IsAfter('start_s')
  end_s?: number;
}

/** A CSV read as a record: its sampling rate may be given (needed without a time column). */
class CsvInputDto extends AnalysisInputDto {
  @ApiPropertyOptional({
    description: 'Needed when the file has no time column',
    exclusiveMinimum: true,
    minimum: 0,
  })
  @OptionalField()
  @IsNumber(FINITE)
  @IsPositive()
  sampling_rate_hz?: number;
}

export class FileInputDto extends CsvInputDto {
  @ApiProperty({ enum: ['file'] }) override source = 'file' as const;

  @ApiProperty({ description: 'A CSV file under DATA_PATH', minLength: 1 })
  @IsString()
  @IsNotEmpty()
  path: string;
}

export class BucketInputDto extends CsvInputDto {
  @ApiProperty({ enum: ['bucket'] }) override source = 'bucket' as const;

  @ApiProperty({ description: 'A CSV object in FILE_BUCKET', minLength: 1 })
  @IsString()
  @IsNotEmpty()
  key: string;
}

export class AnalysisOutputInputDto extends AnalysisInputDto {
  @ApiProperty({ enum: ['analysis'] }) override source = 'analysis' as const;

  @ApiProperty({ description: 'A finished PREPROCESSING analysis of the structure', minLength: 1 })
  @IsString()
  @IsNotEmpty()
  analysis_id: string;
}

export class UploadInputDto extends AnalysisInputDto {
  @ApiProperty({ enum: ['upload'] }) override source = 'upload' as const;

  @ApiProperty({ description: 'A finished (DONE) upload of the structure', minLength: 1 })
  @IsString()
  @IsNotEmpty()
  upload_id: string;

  @ChannelSelection()
  channels?: string[];
}

/** The class that checks each `source`. */
export const INPUT_DTOS: Record<Source, typeof AnalysisInputDto> = {
  measurement: MeasurementInputDto,
  file: FileInputDto,
  bucket: BucketInputDto,
  analysis: AnalysisOutputInputDto,
  upload: UploadInputDto,
};

/**
 * The class that checks an input, by its `source`; the base class (which refuses the source) for
 * anything else. (class-transformer's own discriminator throws on an array holding null.)
 */
export function inputDtoFor(input: unknown): typeof AnalysisInputDto {
  const source = (input as { source?: unknown } | null)?.source;
  return typeof source === 'string' && Object.hasOwn(INPUT_DTOS, source)
    ? INPUT_DTOS[source as Source]
    : AnalysisInputDto;
}

/** The checked input as stored: its given fields only. */
export function toAnalysisInput(dto: AnalysisInputDto): AnalysisInput {
  return givenFields(dto) as unknown as AnalysisInput;
}
