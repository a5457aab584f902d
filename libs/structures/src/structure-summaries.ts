import { Injectable } from '@nestjs/common';

/** What a structures list shows of each structure beside its name, summed over the features. */
export interface StructureSummary {
  /** Measurements in the measures database (from fetch jobs). */
  measurements: number;
  /** Finished uploads (recordings checked and stored). */
  uploads: number;
  /** The latest measurement time over both. */
  last_measurement_at?: Date;
  tracked_modes: number;
  /** Tracked modes in ALERT. */
  open_alerts: number;
}

/** A feature's share of the summaries of some structures (all the tenant's). */
export interface StructureSummaryPart {
  summarize(tenantId: number, structureIds: string[]): Promise<Map<string, Partial<StructureSummary>>>;
}

const EMPTY: StructureSummary = { measurements: 0, uploads: 0, tracked_modes: 0, open_alerts: 0 };

/**
 * The summaries of a page of structures, from the parts the features register when their modules
 * start (the structures feature depends on none of them): one read per part and page, not per
 * structure.
 */
@Injectable()
export class StructureSummaries {
  private readonly parts: StructureSummaryPart[] = [];

  register(part: StructureSummaryPart): void {
    this.parts.push(part);
  }

  async of(tenantId: number, structureIds: string[]): Promise<Map<string, StructureSummary>> {
    const shares = await Promise.all(this.parts.map((part) => part.summarize(tenantId, structureIds)));
    return new Map(
      structureIds.map((id) => [id, shares.reduce((sum, share) => added(sum, share.get(id)), EMPTY)]),
    );
  }
}

function added(sum: StructureSummary, share: Partial<StructureSummary> | undefined): StructureSummary {
  if (!share) return sum;
  const latest = [sum.last_measurement_at, share.last_measurement_at]
    .filter((time): time is Date => time !== undefined)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return {
    measurements: sum.measurements + (share.measurements ?? 0),
    uploads: sum.uploads + (share.uploads ?? 0),
    tracked_modes: sum.tracked_modes + (share.tracked_modes ?? 0),
    open_alerts: sum.open_alerts + (share.open_alerts ?? 0),
    ...(latest ? { last_measurement_at: latest } : {}),
  };
}
