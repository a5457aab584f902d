import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, ValidateNested } from 'class-validator';
import { apiValidationPipe } from './validation.pipe';

class Window {
  @IsInt()
  start: number;
}

class Body {
  @IsString()
  name: string;

  @ValidateNested()
  @Type(() => Window)
  window: Window;
}

describe('apiValidationPipe', () => {
  it('answers 400 naming nested and unknown fields', async () => {
    const error = await apiValidationPipe
      .transform({ name: 3, window: { start: 'x' }, colour: 'red' }, { type: 'body', metatype: Body })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    const body = (error as BadRequestException).getResponse() as {
      fields: { field: string }[];
      message: string;
    };
    expect(body.fields.map((f) => f.field).sort()).toEqual(['colour', 'name', 'window.start']);
    expect(body.message).toContain('window.start: start must be an integer number');
  });
});
