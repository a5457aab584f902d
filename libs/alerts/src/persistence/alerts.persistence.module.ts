import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Alert, AlertSchema } from './alert.schema';
import { AlertRepository } from './alert.repository';
import { MaintenanceWindow, MaintenanceWindowSchema } from './maintenance-window.schema';
import { MaintenanceWindowRepository } from './maintenance-window.repository';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Alert.name, schema: AlertSchema },
      { name: MaintenanceWindow.name, schema: MaintenanceWindowSchema },
    ]),
  ],
  providers: [AlertRepository, MaintenanceWindowRepository],
  exports: [AlertRepository, MaintenanceWindowRepository],
})
export class AlertsPersistenceModule {}
