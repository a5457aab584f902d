export const ANALYSIS_COLLECTION = 'analyses';
