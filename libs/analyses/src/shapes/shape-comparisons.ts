import { ConflictException, Injectable } from '@nestjs/common';
import { AnalysesService } from '../analyses.service';
import { type Principal } from '@modalflow/contracts';
import { comac, type IdentifiedMode, macMatrix, type ModePair, pairModes } from '@modalflow/oma';

/** The modes of two results compared by their shapes over the channels both have. */
export interface ShapeComparison {
  analysis_id: string;
  /** The other analysis; the same one for an AutoMAC. */
  with_id: string;
  channels: string[];
  rows: Array<{ frequency_hz: number }>;
  columns: Array<{ frequency_hz: number }>;
  /** MAC of each row mode's shape with each column mode's. */
  mac: number[][];
  /** Between two analyses: modes paired by shape (MAC at least 0.5), and each channel's COMAC over them. */
  pairs?: ModePair[];
  comac?: Array<{ channel: string; value: number }>;
}

/** AutoMAC of one result, cross-MAC and COMAC of two (docs/geometry.md, "Comparing shapes"). */
@Injectable()
export class ShapeComparisons {
  constructor(private readonly analyses: AnalysesService) {}

  async compare(
    principal: Principal,
    structureId: string,
    id: string,
    withId?: string,
  ): Promise<ShapeComparison> {
    const first = await this.modesOf(principal, structureId, id);
    const second = withId && withId !== id ? await this.modesOf(principal, structureId, withId) : first;
    const channels = first.channels.filter((channel) => second.channels.includes(channel));
    if (channels.length < 2)
      throw new ConflictException(
        `the results share ${channels.length} channel${channels.length === 1 ? '' : 's'}: shapes need at least two in common`,
      );
    const shapesOf = (result: typeof first) =>
      result.modes.map((mode) =>
        channels.map((channel) => mode.mode_shape[result.channels.indexOf(channel)]),
      );
    const a = shapesOf(first);
    const b = shapesOf(second);
    const comparison: ShapeComparison = {
      analysis_id: id,
      with_id: withId ?? id,
      channels,
      rows: first.modes.map(({ frequency_hz }) => ({ frequency_hz })),
      columns: second.modes.map(({ frequency_hz }) => ({ frequency_hz })),
      mac: macMatrix(a, b),
    };
    if (second === first) return comparison;
    const pairs = pairModes(a, b);
    const values = comac(a, b, pairs);
    return { ...comparison, pairs, comac: channels.map((channel, i) => ({ channel, value: values[i] })) };
  }

  private async modesOf(principal: Principal, structureId: string, id: string) {
    const record = await this.analyses.latestResult(principal, structureId, id);
    const result = record.result as { channels?: string[]; modes?: IdentifiedMode[] };
    if (!Array.isArray(result.modes) || !Array.isArray(result.channels))
      throw new ConflictException(`analysis ${id} is ${record.type}: it has no mode shapes`);
    return { channels: result.channels, modes: result.modes };
  }
}
