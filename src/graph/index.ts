// The Microsoft Graph client: tokens, paging, retries, error codes (SPEC §7).
export {
  GraphClient,
  type GraphApiVersion,
  type GraphClientOptions,
  type GraphManyResult,
  type GraphListOptions,
  type GraphObject,
  type GraphRequestOptions,
} from './graph-client';
export { GraphError, isGraphError, type GraphErrorCode, type GraphErrorDetails, type GraphErrorJson } from './graph-errors';
export { supportIdsOf, supportIdsText, type SupportIds } from './support-ids';
export {
  LeasingRequestBudget,
  MemoryTokenBucketStore,
  budgetBucketsFor,
  bucketKey,
  defaultGraphRequestLimits,
  intuneDocumentedLimits,
  memoryRequestBudget,
  processRequestBudget,
  type BudgetBucket,
  type BudgetBucketKind,
  type BudgetRelease,
  type GraphRequestLimits,
  type LeasingOptions,
  type RequestBudget,
  type TokenBucketStore,
} from './request-budget';
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
  decideRetry,
  defaultRetryBudgetMs,
  defaultRetryOptions,
  parseRetryAfterMs,
  type Clock,
  type RandomSource,
  type RetryDecision,
  type RetryOptions,
  type Sleep,
} from './retry-policy';
export { readOrganization, type GraphOrganization, type VerifiedDomain } from './organization';
