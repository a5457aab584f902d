import { ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { IsInt, IsNumber, Max, Min } from 'class-validator';
import { OptionalField } from '../../common/optional-field';
import { TRACKING_DEFAULTS, TRACKING_LIMITS, type TrackingSettings } from '@modalflow/oma';

const FINITE = { allowNaN: false, allowInfinity: false };

/** An optional setting within its TRACKING_LIMITS, its default in the docs. */
function Setting(name: keyof TrackingSettings, description: string, integer = false) {
  const { min, max } = TRACKING_LIMITS[name];
  return applyDecorators(
    ApiPropertyOptional({
      description,
      default: TRACKING_DEFAULTS[name],
      minimum: min,
      maximum: max,
      type: integer ? 'integer' : 'number',
    }),
    OptionalField(),
    integer ? IsInt() : IsNumber(FINITE),
    Min(min),
    Max(max),
  );
}

export class TrackingSettingsDto implements Partial<TrackingSettings> {
  @Setting('max_frequency_change_percent', 'A mode matches a track only within this frequency distance (%)')
  max_frequency_change_percent?: number;

  @Setting('min_mac', "... and with at least this MAC to the track's reference shape")
  min_mac?: number;

  @Setting('baseline_points', 'Baseline: median frequency of the first this many points of a track', true)
  baseline_points?: number;

  @Setting('window_points', 'Current value: median frequency of the latest this many points', true)
  window_points?: number;

  @Setting('alert_percent', 'ALERT when the current value is this far from the baseline (%)')
  alert_percent?: number;

  @Setting('clear_percent', 'CLEARED when it is back within this distance (%); at most alert_percent')
  clear_percent?: number;
}
