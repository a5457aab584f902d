import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Structure, StructureSchema } from './structure.schema';
import { StructureRepository } from './structure.repository';
import { mongoConfig, MongoConfig } from '@modalflow/config';

@Module({
  imports: [
    MongooseModule.forFeatureAsync([
      {
        name: Structure.name,
        inject: [mongoConfig.KEY],
        useFactory: (config: MongoConfig) =>
          StructureSchema.clone().set('collection', config.collections.structures),
      },
    ]),
  ],
  providers: [StructureRepository],
  exports: [StructureRepository],
})
export class StructuresPersistenceModule {}
