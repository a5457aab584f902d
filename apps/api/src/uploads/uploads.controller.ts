import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal } from '@modalflow/auth';
import type { Principal } from '@modalflow/contracts';
import { PageQueryDto } from '../common/page-query.dto';
import { UploadQuery } from './dto/upload.query';
import { UploadPage, UploadResponse } from './dto/upload.response';
import { FILE_FIELD, MULTIPART } from './incoming-file';
import { UploadsService } from './uploads.service';

@ApiTags('uploads')
@Controller('structures/:structureId/uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Upload a CSV recording',
    description:
      `A form with the file in "${FILE_FIELD}" (the picker below), or the raw bytes with Content-Type text/csv, ` +
      'text/plain or application/octet-stream and ?file_name=. The file is streamed to object storage as it ' +
      'arrives (up to UPLOAD_MAX_BYTES), then checked and summarised by a worker: follow the upload by GET, ' +
      'GET /events or Socket.IO (run_type UPLOAD). Once DONE an analysis takes it as ' +
      '`input: {"source": "upload", "upload_id"}`.',
  })
  @ApiConsumes(MULTIPART)
  @ApiBody({
    schema: {
      type: 'object',
      required: [FILE_FIELD],
      properties: { [FILE_FIELD]: { type: 'string', format: 'binary' } },
    },
  })
  @ApiHeader({
    name: 'idempotency-key',
    required: false,
    description: 'Any unique string; repeating the request with the same key returns the same upload',
  })
  @ApiAcceptedResponse({ type: UploadResponse, description: 'Stored and QUEUED for its check' })
  @ApiNotFoundResponse({ description: 'No such structure for your tenant' })
  @ApiServiceUnavailableResponse({ description: 'Object storage is away or not configured' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Req() request: Request,
    @Query() query: UploadQuery,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.uploads.upload(principal, structureId, request, query, idempotencyKey || undefined);
  }

  @Get()
  @ApiOkResponse({ type: UploadPage, description: 'Newest first' })
  @ApiNotFoundResponse()
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Query() query: PageQueryDto,
  ) {
    return this.uploads.list(principal, structureId, query);
  }

  @Get(':uploadId')
  @ApiOkResponse({ type: UploadResponse })
  @ApiNotFoundResponse()
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('uploadId') uploadId: string,
  ) {
    return this.uploads.get(principal, structureId, uploadId);
  }
}
