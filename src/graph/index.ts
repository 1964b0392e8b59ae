// The Microsoft Graph client: tokens, paging, retries, error codes (SPEC §7).
export {
  GraphClient,
  type GraphApiVersion,
  type GraphClientOptions,
  type GraphListOptions,
  type GraphObject,
  type GraphRequestOptions,
} from './graph-client';
export { GraphError, isGraphError, type GraphErrorCode, type GraphErrorDetails } from './graph-errors';
export { type GraphLogger, silentLogger } from './graph-logger';
export { TenantConcurrency, processTenantConcurrency, defaultMaxConcurrentRequests } from './concurrency';
export {
  ClientCredentialsTokenProvider,
  defaultGraphUrl,
  defaultLoginUrl,
  type AccessTokenProvider,
  type ClientCredentials,
  type ClientCredentialsTokenProviderOptions,
} from './token-provider';
export {
  backoffDelayMs,
  defaultRetryOptions,
  parseRetryAfterMs,
  type RandomSource,
  type RetryOptions,
  type Sleep,
} from './retry-policy';
export { readOrganization, type GraphOrganization, type VerifiedDomain } from './organization';
