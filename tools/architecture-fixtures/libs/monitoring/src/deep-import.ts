// Refused: another library's file other than its index.
import { ANALYSIS_COLLECTION } from '../../analyses/src/persistence/analysis.schema';
import { monitoredOnly } from '../../analyses/src/index';

export const RULE_COLLECTION = monitoredOnly(ANALYSIS_COLLECTION) ? 'rules' : 'monitoring_rules';
