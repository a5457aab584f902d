import { PartialType } from '@nestjs/swagger';
import { CreateStructureDto } from './create-structure.dto';

/** Every field optional, none null (skipNullProperties: false keeps null a value to validate). */
export class UpdateStructureDto extends PartialType(CreateStructureDto, { skipNullProperties: false }) {}
