import { GraphClientError } from "@microsoft/microsoft-graph-client";
import { GraphRequestError } from "./errors.js";

/**
 * Wraps one of our errors so that it passes through the Graph client unchanged. The client rethrows
 * GraphClientError as it is, but turns every other error thrown by a middleware into a GraphError
 * that keeps only the message.
 */
export function carryError(error: GraphRequestError): GraphClientError {
  const carrier = new GraphClientError(error.message);
  carrier.customError = error;
  return carrier;
}

/** Returns the GraphRequestError inside a carrier from `carryError`, if `error` is one. */
export function unwrapCarriedError(error: unknown): GraphRequestError | undefined {
  if (error instanceof GraphClientError && error.customError instanceof GraphRequestError) return error.customError;
  return undefined;
}
