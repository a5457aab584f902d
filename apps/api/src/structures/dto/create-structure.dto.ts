import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { OptionalField } from '../../common/optional-field';

export class CreateStructureDto {
  @ApiProperty({ example: 'Lysefjord Bridge', minLength: 1, maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    example: 'Suspension bridge, 446 m main span, 5 deck accelerometers',
    maxLength: 2000,
  })
  @OptionalField()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ example: 'Rogaland, Norway', maxLength: 200 })
  @OptionalField()
  @IsString()
  @MaxLength(200)
  location?: string;
}
