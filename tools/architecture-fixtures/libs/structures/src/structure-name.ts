export const structureName = (name: string): string => name.trim();
