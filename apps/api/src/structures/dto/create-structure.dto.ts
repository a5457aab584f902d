import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateStructureDto {
  @ApiProperty({ example: 'Lysefjord Bridge' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Suspension bridge, 446 m main span, 5 deck accelerometers' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ example: 'Rogaland, Norway' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string;
}
