import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { once } from 'node:events';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CreateFetchJobDto } from './dto/create-fetch-job.dto';
import { FetchJobPage, FetchJobResponse } from './dto/fetch-job.response';
import { FetchResourcePage } from './dto/fetch-resource.response';
import { ListFetchJobsQuery } from './dto/list-fetch-jobs.query';
import { ListResourcesQuery } from './dto/list-resources.query';
import { CurrentPrincipal } from '@modalflow/auth';
import { type Principal } from '@modalflow/contracts';
import { FetchJobsService } from '@modalflow/fetch-jobs';

@ApiTags('fetch jobs')
@Controller('fetch-jobs')
export class FetchJobsController {
  constructor(private readonly fetchJobs: FetchJobsService) {}

  @Post()
  @HttpCode(202)
  @ApiHeader({
    name: 'idempotency-key',
    required: false,
    description: 'Any unique string; retrying the request with the same key returns the same job',
  })
  @ApiAcceptedResponse({ type: FetchJobResponse, description: 'The job, QUEUED' })
  @ApiNotFoundResponse({ description: 'structureId is not a structure of your tenant' })
  @ApiUnprocessableEntityResponse({ description: 'The Idempotency-Key was used for a different request' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateFetchJobDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.fetchJobs.create(principal, dto, idempotencyKey || undefined);
  }

  @Get()
  @ApiOkResponse({ type: FetchJobPage })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListFetchJobsQuery) {
    return this.fetchJobs.list(principal, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: FetchJobResponse })
  @ApiNotFoundResponse({ description: 'No fetch job with this id for your tenant' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.fetchJobs.get(principal, id);
  }

  @Get(':id/resources')
  @ApiOkResponse({
    type: FetchResourcePage,
    description: 'In source-index order; INVALID ones carry the reason',
  })
  @ApiNotFoundResponse()
  resources(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: ListResourcesQuery,
  ) {
    return this.fetchJobs.listResources(principal, id, query);
  }

  @Get(':id/output.json')
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'The processed resources of the job as one JSON array, streamed' })
  @ApiNotFoundResponse()
  async output(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() response: Response) {
    const resources = await this.fetchJobs.output(principal, id);
    response.status(200).type('application/json');
    let first = true;
    response.write('[');
    for await (const outcome of resources) {
      const entry = {
        id: outcome.resource_id,
        creation_date: outcome.creation_date,
        summary: outcome.summary,
        measurement_id: outcome.measurement_id,
        processed_at: outcome.processed_at,
      };
      if (!response.write(`${first ? '' : ','}\n${JSON.stringify(entry)}`)) await once(response, 'drain');
      first = false;
    }
    response.end('\n]\n');
  }

  @Post(':id/retry-failed')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: FetchJobResponse,
    description: 'FAILED resources are queued for processing again',
  })
  @ApiConflictResponse({ description: 'The job is not DONE yet' })
  @ApiNotFoundResponse()
  retryFailed(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.fetchJobs.retryFailed(principal, id);
  }
}
