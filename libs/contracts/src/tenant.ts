/** Who is asking: the claims of a ModalFlow JWT. Integers, as in the seed's status messages. */
export interface Principal {
  tenantId: number;
  userId: number;
}
