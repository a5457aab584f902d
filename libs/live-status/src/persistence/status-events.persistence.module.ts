import { Module } from '@nestjs/common';
import { StatusEventRepository } from './status-event.repository';

@Module({ providers: [StatusEventRepository], exports: [StatusEventRepository] })
export class StatusEventsPersistenceModule {}
