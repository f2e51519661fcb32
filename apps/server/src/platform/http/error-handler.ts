import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, httpStatusOf } from '../errors.js';

/** Renders every error as `{ code, message, requestId, details }`; causes of 500s are logged, never sent. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      const status = httpStatusOf(error.code);
      if (status >= 500) request.log.error({ err: error.cause ?? error }, error.message);
      return reply.status(status).send({
        code: error.code,
        message: error.message,
        requestId: request.id,
        ...(error.details ? { details: error.details } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((issue) => ({
        field: `${error.validationContext ?? 'request'}${issue.instancePath.replaceAll('/', '.')}`,
        message: issue.message ?? 'invalid',
      }));
      return reply.status(400).send({
        code: 'VALIDATION_FAILED',
        message: `the request is invalid: ${details.map((detail) => `${detail.field}: ${detail.message}`).join('; ')}`,
        requestId: request.id,
        details,
      });
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({
        code: 'PAYLOAD_TOO_LARGE',
        message: 'the request body is larger than the upload limit; split the file',
        requestId: request.id,
      });
    }
    if (fastifyError.statusCode && fastifyError.statusCode < 500) {
      return reply.status(fastifyError.statusCode).send({
        code: fastifyError.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED',
        message: fastifyError.message,
        requestId: request.id,
      });
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send({
      code: 'INTERNAL',
      message: 'something went wrong on our side; the error was logged with this request id',
      requestId: request.id,
    });
  });
}
