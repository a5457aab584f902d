export const configName = 'modalflow';
