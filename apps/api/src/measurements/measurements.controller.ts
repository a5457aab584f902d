import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '@modalflow/auth';
import type { Principal } from '@modalflow/contracts';
import { MeasurementsService } from '@modalflow/measurements';
import { PageQueryDto } from '../common/page-query.dto';
import { MeasurementPage } from './dto/measurement.response';

@ApiTags('measurements')
@Controller('structures/:structureId/measurements')
export class MeasurementsController {
  constructor(private readonly measurements: MeasurementsService) {}

  @Get()
  @ApiOperation({
    summary: "A structure's measurements",
    description:
      'The time series its fetch jobs stored (the measures database), without their samples, the latest recorded ' +
      'first: channels, rate, duration, recorded time and the job and resource they came from. Uploads are listed ' +
      'under .../uploads.',
  })
  @ApiOkResponse({ type: MeasurementPage })
  @ApiNotFoundResponse({ description: 'No such structure for your tenant' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Query() query: PageQueryDto,
  ) {
    return this.measurements.list(principal, structureId, query);
  }
}
