// Refused: analyses may not use monitoring (monitoring uses analyses).
import { RULE_COLLECTION } from '../../monitoring/src/index';

export const monitoredOnly = (collection: string): boolean => collection === RULE_COLLECTION;
