export * from './measurement-arrivals';
export * from './persistence/measure.repository';
export * from './persistence/measures.persistence.module';
