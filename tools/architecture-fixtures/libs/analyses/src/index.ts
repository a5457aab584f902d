export { ANALYSIS_COLLECTION } from './persistence/analysis.schema';
export { monitoredOnly } from './reaches-up-the-dag';
