import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { PageQueryDto } from '../common/page-query.dto';
import { CreateStructureDto } from './dto/create-structure.dto';
import { StructurePage, StructureResponse } from './dto/structure.response';
import { RemoveStructureQuery } from './dto/remove-structure.query';
import { UpdateStructureDto } from './dto/update-structure.dto';
import { CurrentPrincipal } from '@modalflow/auth';
import { type Principal } from '@modalflow/contracts';
import { StructuresService } from '@modalflow/structures';

@ApiTags('structures')
@Controller('structures')
export class StructuresController {
  constructor(private readonly structures: StructuresService) {}

  @Post()
  @ApiCreatedResponse({ type: StructureResponse })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateStructureDto) {
    return this.structures.create(principal, dto);
  }

  @Get()
  @ApiOkResponse({ type: StructurePage })
  list(@CurrentPrincipal() principal: Principal, @Query() page: PageQueryDto) {
    return this.structures.list(principal, page);
  }

  @Get(':id')
  @ApiOkResponse({ type: StructureResponse })
  @ApiNotFoundResponse({ description: 'No structure with this id for your tenant' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.structures.get(principal, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: StructureResponse })
  @ApiNotFoundResponse()
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: UpdateStructureDto) {
    return this.structures.update(principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description: 'The structure has analyses or monitoring rules and cascade was not asked',
  })
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: RemoveStructureQuery,
  ) {
    return this.structures.remove(principal, id, query.cascade === 'true');
  }
}
