import type { FastifyReply } from 'fastify';
import type { StartOperationResult } from '../use-cases/operations/start-operation';
import { conflict, HttpError } from './errors';
import { presentRun } from './presenters/operation-run';

// Shared by every route that starts an operation (verify, inventory sync, baseline capture, drift scan).

/** 202 { run, reused }, or the refusal: 409 for a tenant that is not active, 503 when the queue is down. */
export function startOperationReply(reply: FastifyReply, result: StartOperationResult) {
  if (!result.ok) {
    if (result.code === 'operation.queue_unavailable') throw new HttpError(503, result.code, result.message);
    throw conflict(result.code, result.message);
  }
  return reply.status(202).send({ run: presentRun(result.run), reused: result.reused });
}
