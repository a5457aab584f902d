import { Injectable } from '@nestjs/common';
import type { Principal } from '@modalflow/contracts';
import type { Page, PageRequest } from '@modalflow/database';
import { requireStructure, StructureRepository } from '@modalflow/structures';
import { MeasureRepository, type MeasurementSummary } from './persistence/measure.repository';

/** What a client sees of a measurement: its shape, when it was recorded, where it came from. */
export interface MeasurementView {
  id: string;
  structure_id: string;
  channels: string[];
  samples: number;
  sampling_rate_hz: number;
  duration_s: number;
  recorded_at?: Date;
  environment?: Record<string, number>;
  created_at: Date;
  /** The fetch job and resource it was read from. */
  source: { job_id?: string; resource_id?: string };
}

/** A structure's measurements (the measures database) as a client reads them. */
@Injectable()
export class MeasurementsService {
  constructor(
    private readonly structures: StructureRepository,
    private readonly measures: MeasureRepository,
  ) {}

  async list(principal: Principal, structureId: string, page: PageRequest): Promise<Page<MeasurementView>> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    const found = await this.measures.findPage(principal.tenantId, structureId, page);
    return { ...found, items: found.items.map(view) };
  }
}

function view(measurement: MeasurementSummary): MeasurementView {
  return {
    id: measurement.id,
    structure_id: measurement.structure_id,
    channels: measurement.channels,
    samples: measurement.samples,
    sampling_rate_hz: measurement.sampling_rate_hz,
    duration_s: measurement.samples / measurement.sampling_rate_hz,
    ...(measurement.recorded_at ? { recorded_at: measurement.recorded_at } : {}),
    ...(measurement.environment ? { environment: measurement.environment } : {}),
    created_at: measurement.created_at,
    source: { job_id: measurement.job_id, resource_id: measurement.resource_id },
  };
}
