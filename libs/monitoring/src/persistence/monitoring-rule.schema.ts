import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { MONITORED_ANALYSIS_TYPES, type MonitoredAnalysisType } from '../monitoring-status';
import { type CompensationSettings, type TrackingSettings } from '@modalflow/oma';
import { TenantOwned } from '@modalflow/database';

/**
 * A monitoring rule of a structure (docs/monitoring.md): the analysis every new measurement of the
 * structure gets, which measurements qualify, and how its modes are tracked.
 */
@Schema({
  collection: 'monitoring_rules',
  minimize: false,
  timestamps: { createdAt: 'created_at', updatedAt: 'updated_at' },
})
export class MonitoringRule implements TenantOwned {
  @Prop({ required: true })
  tenant_id: number;

  @Prop({ required: true })
  structure_id: string;

  @Prop({ trim: true })
  name?: string;

  @Prop({ type: String, required: true, enum: MONITORED_ANALYSIS_TYPES })
  type: MonitoredAnalysisType;

  @Prop({ type: Object, required: true })
  params: Record<string, unknown>;

  /** The channels to analyse; a measurement without one of them is skipped. Default: all. */
  @Prop({ type: [String], default: undefined })
  channels?: string[];

  /** Shorter measurements are skipped. */
  @Prop()
  min_duration_s?: number;

  @Prop({ type: Object, required: true })
  tracking: TrackingSettings;

  /** Environmental compensation of its tracks; absent: raw frequencies against a fixed baseline. */
  @Prop({ type: Object })
  compensation?: CompensationSettings;

  /** The start of its latest new baseline: tracks learn their baseline or model again from there. */
  @Prop()
  baseline_from?: Date;

  /** A disabled rule triggers nothing; its tracks stay. */
  @Prop({ required: true, default: true })
  enabled: boolean;

  @Prop({ required: true })
  created_by: number;

  created_at?: Date;
  updated_at?: Date;
}

export const MonitoringRuleSchema = SchemaFactory.createForClass(MonitoringRule);
