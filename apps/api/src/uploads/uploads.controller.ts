import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiExtraModels,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { PageQueryDto } from '../common/page-query.dto';
import { PresignedParts, PresignedUploadDto } from './dto/presigned-upload.dto';
import { UploadQuery } from './dto/upload.query';
import { UploadPage, UploadResponse } from './dto/upload.response';
import { apiValidationPipe } from '../common/validation.pipe';
import { FILE_FIELD, incomingFile, MULTIPART } from './incoming-file';
import { CurrentPrincipal } from '@modalflow/auth';
import { type Principal } from '@modalflow/contracts';
import { PresignedUploads, StreamedUploads, UploadsService } from '@modalflow/uploads';

@ApiTags('uploads')
@ApiExtraModels(PresignedUploadDto)
@Controller('structures/:structureId/uploads')
export class UploadsController {
  constructor(
    private readonly uploads: UploadsService,
    private readonly streamed: StreamedUploads,
    private readonly presigned: PresignedUploads,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Upload a CSV recording',
    description:
      `A form with the file in "${FILE_FIELD}" (the picker below), or the raw bytes with Content-Type text/csv, ` +
      'text/plain or application/octet-stream and ?file_name=. The file is streamed to object storage as it ' +
      'arrives (up to UPLOAD_MAX_BYTES), then checked and summarised by a worker: follow the upload by GET, ' +
      'GET /events or Socket.IO (run_type UPLOAD). Once DONE an analysis takes it as ' +
      '`input: {"source": "upload", "upload_id"}`. For large files and flaky links, a JSON body ' +
      '`{"mode": "presigned", "file_name", "size"}` answers URLs to PUT each part straight to object ' +
      'storage; then POST .../complete.',
  })
  @ApiConsumes(MULTIPART, 'application/json')
  @ApiBody({ description: 'A form with the file, or the JSON of presigned mode (see the schemas)' })
  @ApiHeader({
    name: 'idempotency-key',
    required: false,
    description: 'Any unique string; repeating the request with the same key returns the same upload',
  })
  @ApiAcceptedResponse({
    type: UploadResponse,
    description: 'Stored and QUEUED for its check; presigned mode: UPLOADING, with the part URLs',
  })
  @ApiPayloadTooLargeResponse({ description: 'Larger than UPLOAD_MAX_BYTES' })
  @ApiNotFoundResponse({ description: 'No such structure for your tenant' })
  @ApiServiceUnavailableResponse({ description: 'Object storage is away or not configured' })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Req() request: Request,
    @Query() query: UploadQuery,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    const key = idempotencyKey || undefined;
    if (request.is('application/json')) {
      const readRequest = async () => {
        const dto = (await apiValidationPipe.transform(body, {
          type: 'body',
          metatype: PresignedUploadDto,
        })) as PresignedUploadDto;
        return { ...dto, recorded_at: dto.recorded_at ? new Date(dto.recorded_at) : undefined };
      };
      return this.presigned.presign(principal, structureId, readRequest, key);
    }
    return this.streamed.upload(
      principal,
      structureId,
      {
        readFile: () => incomingFile(request),
        connection: request,
        declaredBytes: Number(request.headers['content-length'] ?? NaN),
        fileName: query.file_name,
        samplingRateHz: query.sampling_rate_hz,
        measurement: {
          ...(query.recorded_at ? { recorded_at: new Date(query.recorded_at) } : {}),
          ...(query.environment ? { environment: query.environment } : {}),
        },
      },
      key,
    );
  }

  @Get(':uploadId/parts')
  @ApiOperation({ summary: 'Presigned mode: the parts stored so far, and URLs for the others' })
  @ApiOkResponse({ type: PresignedParts })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not a presigned upload, or not UPLOADING any more' })
  parts(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('uploadId') uploadId: string,
  ) {
    return this.presigned.missingParts(principal, structureId, uploadId);
  }

  @Post(':uploadId/complete')
  @HttpCode(202)
  @ApiOperation({ summary: 'Presigned mode: every part is in; assemble the file and queue its check' })
  @ApiAcceptedResponse({ type: UploadResponse, description: 'QUEUED' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Parts are missing (named), or the upload is not UPLOADING in parts' })
  complete(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('uploadId') uploadId: string,
  ) {
    return this.presigned.complete(principal, structureId, uploadId);
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
