export * from './auth.module';
export * from './current-principal.decorator';
export * from './jwt-auth.guard';
export * from './token.service';
