import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { FetchIndexPage, FetchIndexPageSchema } from './fetch-index-page.schema';
import { FetchResourceData, FetchResourceDataSchema } from './fetch-resource-data.schema';
import { FetchResourceRepository } from './fetch-resource.repository';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: FetchIndexPage.name, schema: FetchIndexPageSchema },
      { name: FetchResourceData.name, schema: FetchResourceDataSchema },
    ]),
  ],
  providers: [FetchResourceRepository],
  exports: [FetchResourceRepository],
})
export class FetchResourcesPersistenceModule {}
