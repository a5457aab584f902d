/** A structure's fields as a client gives them (the API's DTOs are checked instances of these). */
export interface StructureFields {
  name: string;
  description?: string;
  location?: string;
}
