import { BadRequestException } from '@nestjs/common';
import { apiValidationPipe } from '../../common/validation.pipe';
import { toAnalysisInput } from './analysis-input.dto';
import { CreateAnalysisDto } from './create-analysis.dto';

const validate = (input: unknown) =>
  Promise.resolve(
    apiValidationPipe.transform({ type: 'FDD', input }, { type: 'body', metatype: CreateAnalysisDto }),
  );

async function faultyFields(input: unknown): Promise<string[]> {
  const error = await validate(input).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BadRequestException);
  const body = (error as BadRequestException).getResponse() as { fields: { field: string }[] };
  return body.fields.map((f) => f.field).sort();
}

describe('CreateAnalysisDto input', () => {
  it('keeps each source with the fields it was given, nothing added', async () => {
    const dto = (await validate({
      source: 'measurement',
      measurement_id: 'm1',
      channels: ['a', 'b'],
      end_s: 10,
    })) as CreateAnalysisDto;
    expect(toAnalysisInput(dto.input)).toEqual({
      source: 'measurement',
      measurement_id: 'm1',
      channels: ['a', 'b'],
      end_s: 10,
    });
    const file = (await validate({ source: 'file', path: 'a.csv' })) as CreateAnalysisDto;
    expect(toAnalysisInput(file.input)).toEqual({ source: 'file', path: 'a.csv' });
  });

  it('names the field at fault for every source', async () => {
    expect(await faultyFields({ source: 'ftp' })).toEqual(['input.source']);
    expect(await faultyFields({ source: 'file', path: 'a.csv', key: 'b' })).toEqual(['input.key']);
    expect(await faultyFields({ source: 'file', path: '' })).toEqual(['input.path']);
    expect(await faultyFields({ source: 'bucket', key: 'k', sampling_rate_hz: -5 })).toEqual([
      'input.sampling_rate_hz',
    ]);
    expect(await faultyFields({ source: 'analysis' })).toEqual(['input.analysis_id']);
    expect(await faultyFields({ source: 'measurement', measurement_id: 'm', channels: ['a', 'a'] })).toEqual([
      'input.channels',
    ]);
    expect(await faultyFields({ source: 'measurement', measurement_id: 'm', channels: ['a'] })).toEqual([
      'input.channels',
    ]);
    expect(await faultyFields({ source: 'measurement', measurement_id: 'm', start_s: 5, end_s: 5 })).toEqual([
      'input.end_s',
    ]);
    expect(await faultyFields({ source: 'measurement', measurement_id: 'm', start_s: null })).toEqual([
      'input.start_s',
    ]);
    expect(await faultyFields('file')).toEqual(['input']);
    expect(await faultyFields([null, null])).toContain('input');
    expect(await faultyFields({ source: 'constructor' })).toEqual(['input.source']);
  });
});
