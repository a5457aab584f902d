import { ArgumentsHost, Logger, NotFoundException } from '@nestjs/common';
import { ApiExceptionFilter } from './api-exception.filter';

function host(request: object) {
  const response = {
    status: jest.fn().mockReturnThis(),
    json: jest.fn(),
    setHeader: jest.fn(),
    headersSent: false,
  };
  const argumentsHost = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ArgumentsHost;
  return { argumentsHost, response };
}

describe('ApiExceptionFilter', () => {
  const filter = new ApiExceptionFilter();

  it('keeps the message of a 4xx', () => {
    const { argumentsHost, response } = host({ id: 'req-1', method: 'GET', url: '/x' });
    filter.catch(new NotFoundException('structure 1 not found'), argumentsHost);
    expect(response.status).toHaveBeenCalledWith(404);
    expect(response.json).toHaveBeenCalledWith(
      expect.objectContaining({ statusCode: 404, message: 'structure 1 not found' }),
    );
  });

  it('answers 500 with the correlation id only, and logs the error', () => {
    const log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { argumentsHost, response } = host({ id: 'req-2', method: 'POST', url: '/y' });
    filter.catch(new Error('connection string mongodb://secret@db'), argumentsHost);
    expect(response.status).toHaveBeenCalledWith(500);
    expect(response.setHeader).toHaveBeenCalledWith('x-request-id', 'req-2');
    expect(response.json).toHaveBeenCalledWith({
      statusCode: 500,
      message: 'Internal server error',
      correlationId: 'req-2',
    });
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
