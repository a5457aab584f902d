import { Module } from '@nestjs/common';
import { MeasureRepository } from './measure.repository';

/** Needs DatabaseModule.forRoot({ measures: true }). */
@Module({ providers: [MeasureRepository], exports: [MeasureRepository] })
export class MeasuresPersistenceModule {}
