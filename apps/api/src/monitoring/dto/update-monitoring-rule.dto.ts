import { PickType } from '@nestjs/swagger';
import { CreateMonitoringRuleDto } from './create-monitoring-rule.dto';

/**
 * What may change on a rule. Its analysis type, parameters and channels may not: its tracks would
 * mix results that are not comparable; a new rule starts new tracks. Each field is optional as it
 * is on creation (given as null, it is refused, not cleared).
 */
export class UpdateMonitoringRuleDto extends PickType(CreateMonitoringRuleDto, [
  'name',
  'min_duration_s',
  'enabled',
  'tracking',
] as const) {}
