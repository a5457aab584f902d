export * from './measurement-arrivals';
export * from './measurements.module';
export * from './measurements.service';
export * from './persistence/measure.repository';
export * from './persistence/measures.persistence.module';
