import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, ValidateIf } from 'class-validator';

export class RenameTrackDto {
  @ApiProperty({
    type: String,
    nullable: true,
    minLength: 1,
    maxLength: 100,
    description: 'Its name in lists, alerts and plots; null takes the name away',
    example: '1st vertical bending',
  })
  @ValidateIf((_dto, value) => value !== null)
  @IsString()
  @Length(1, 100)
  name: string | null;
}
