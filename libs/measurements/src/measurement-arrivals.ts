import type { ModuleMetadata } from '@nestjs/common';
import { type RecordShape } from '@modalflow/oma';

/** A measurement that has just been stored: a fetched resource's or an upload's. */
export interface ArrivedMeasurement {
  tenant_id: number;
  structure_id: string;
  source: 'measurement' | 'upload';
  /** The measurement id (measures database) or the upload id. */
  source_id: string;
  recorded_at: Date;
  /** Environmental values at the measurement, by name, when it came with some. */
  environment?: Record<string, number>;
  /** Each channel's mean over the record (what a rule's slow-channel covariate is). */
  channel_means?: Record<string, number>;
  shape: RecordShape;
}

/**
 * Told of every new measurement by the feature that stored it (fetch jobs, uploads); monitoring
 * implements it. A port, so that the features that store measurements do not depend on monitoring.
 * The worker app that runs them binds it (`register({ measurementArrivals })` of their worker modules).
 */
export abstract class MeasurementArrivals {
  abstract measurementArrived(measurement: ArrivedMeasurement): Promise<void>;
}

/** A Nest module that provides and exports MeasurementArrivals. */
export type MeasurementArrivalsModule = NonNullable<ModuleMetadata['imports']>[number];
