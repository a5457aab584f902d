import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { mongoConfig, MongoConfig } from '@modalflow/config';
import { MEASURES_CONNECTION, type Page, type PageRequest } from '@modalflow/database';

/** A multichannel time series, ready for OMA: one document per measurement. */
export interface Measurement {
  id: string;
  tenant_id: number;
  structure_id: string;
  job_id?: string;
  resource_id?: string;
  sampling_rate_hz: number;
  channels: string[];
  samples: number;
  time: number[];
  /** One entry per channel, in the order of `channels` (FerretDB stores no arrays of arrays). */
  series: { channel: string; values: number[] }[];
  /** When it was recorded: its resource's creation date. */
  recorded_at?: Date;
  /** Environmental values at the measurement, by name (temperature_c, wind_mps...). */
  environment?: Record<string, number>;
  created_at: Date;
}

/**
 * Measurements live in the separate measures database (MONGODB_DATABASE_MEASURES), one collection
 * per structure: `<MONGODB_MEASURE_COLLECTION>_<structure id>`.
 */
@Injectable()
export class MeasureRepository {
  constructor(
    @InjectConnection(MEASURES_CONNECTION) private readonly connection: Connection,
    @Inject(mongoConfig.KEY) private readonly config: MongoConfig,
  ) {}

  collectionName(structureId: string): string {
    return `${this.config.collections.measurePrefix}_${structureId}`;
  }

  /** Stores (or replaces, on a redelivery) one measurement. */
  async save(measurement: Measurement): Promise<void> {
    const { id, ...document } = measurement;
    await this.connection
      .collection<{ _id: string }>(this.collectionName(measurement.structure_id))
      .replaceOne({ _id: id }, document, { upsert: true });
  }

  /** A measurement's channels, rate and length without its samples; null when not the tenant's. */
  async findShape(
    tenantId: number,
    structureId: string,
    id: string,
  ): Promise<Pick<Measurement, 'channels' | 'sampling_rate_hz' | 'samples'> | null> {
    const doc = await this.connection
      .collection<{ _id: string }>(this.collectionName(structureId))
      .findOne({ _id: id }, { projection: { tenant_id: 1, channels: 1, sampling_rate_hz: 1, samples: 1 } });
    const found = doc as unknown as Pick<
      Measurement,
      'tenant_id' | 'channels' | 'sampling_rate_hz' | 'samples'
    > | null;
    if (!found || found.tenant_id !== tenantId) return null;
    return { channels: found.channels, sampling_rate_hz: found.sampling_rate_hz, samples: found.samples };
  }

  async findById(tenantId: number, structureId: string, id: string): Promise<Measurement | null> {
    const doc = await this.connection
      .collection<{ _id: string }>(this.collectionName(structureId))
      .findOne({ _id: id }); // by `_id` alone: see TenantScopedRepository
    if (!doc) return null;
    const { _id, ...rest } = doc as unknown as Omit<Measurement, 'id'> & { _id: string };
    if (rest.tenant_id !== tenantId) return null;
    return { id: _id, ...rest };
  }

  /** A page of the structure's measurements without their samples, the latest recorded first. */
  async findPage(
    tenantId: number,
    structureId: string,
    page: PageRequest,
  ): Promise<Page<MeasurementSummary>> {
    const collection = this.connection.collection<StoredSummary>(this.collectionName(structureId));
    const filter = { tenant_id: tenantId };
    const [docs, total] = await Promise.all([
      collection
        .find(filter, { projection: { time: 0, series: 0 } })
        .sort({ recorded_at: -1, _id: 1 })
        .skip(page.offset)
        .limit(page.limit)
        .toArray(),
      collection.countDocuments(filter),
    ]);
    return { items: docs.map(({ _id, ...rest }) => ({ id: _id, ...rest })), total, ...page };
  }

  async overview(tenantId: number, structureId: string): Promise<MeasurementsOverview> {
    const collection = this.connection.collection<StoredSummary>(this.collectionName(structureId));
    const filter = { tenant_id: tenantId };
    const [latest, count] = await Promise.all([
      collection.findOne(filter, {
        projection: { recorded_at: 1, created_at: 1 },
        sort: { recorded_at: -1 },
      }),
      collection.countDocuments(filter),
    ]);
    const last = latest?.recorded_at ?? latest?.created_at;
    return { count, ...(last ? { last_recorded_at: last } : {}) };
  }
}

/** How many measurements a structure has, and when the latest was recorded. */
export interface MeasurementsOverview {
  count: number;
  last_recorded_at?: Date;
}

/** A measurement without its samples: what a listing shows. */
export type MeasurementSummary = Omit<Measurement, 'time' | 'series'>;
type StoredSummary = Omit<MeasurementSummary, 'id'> & { _id: string };
