import { present, type LifecyclePresentation } from './present';

export type ViewerContext = 'operation_run' | 'report' | 'audit_reference';

/** How a tenant is shown when it appears as context on another record (seed 002 §4). */
export interface ReferencedTenantContext {
  tenant_id: number | null;
  tenant_name: string | null;
  lifecycle_value: unknown;
  viewer_context: ViewerContext;
  context_note: string | null;
  lifecycle: LifecyclePresentation | null;
}

export interface ReferencedTenantInput {
  id: number;
  name: string;
  status: unknown;
}

const recordNoun: Record<ViewerContext, string> = {
  operation_run: 'run',
  report: 'report',
  audit_reference: 'entry',
};

/** What the referencing record says about itself, where it matters to the note (a run's outcome). */
export interface ReferencingRecord {
  outcome?: string | null;
}

const wentWrong: Record<string, string> = { failed: 'failed', partial: 'was partial' };

// Notes explain the tenant's state without implying the referenced record is invalid. An active tenant's words
// ("fully managed … operations run normally") say what may run; under a run that went wrong the note says so,
// so the card never reads as contradicting the run (issue 20).
function contextNote(presentation: LifecyclePresentation, viewer: ViewerContext, record: ReferencingRecord): string | null {
  const noun = recordNoun[viewer];
  if (presentation.is_invalid_fallback) {
    return `This ${noun} is valid, but its tenant's stored lifecycle value is not a lifecycle state; correct the tenant's data.`;
  }
  switch (presentation.value) {
    case 'onboarding':
      return `This tenant is still onboarding. The ${noun} is valid; some of the tenant's data may be incomplete until onboarding finishes.`;
    case 'archived':
      return `This tenant has been archived since. The ${noun} is kept as history and remains valid; the tenant is read-only.`;
    case 'draft':
      return `This tenant is a draft and not yet onboarded. The ${noun} is kept as recorded.`;
    case 'active': {
      const outcome = record.outcome ? wentWrong[record.outcome] : undefined;
      if (!outcome) return null;
      return `This ${noun} ${outcome}; the tenant itself stays active. Its lifecycle says which operations may run for it, not how this ${noun} went: the ${noun}'s own outcome and failures are on this page.`;
    }
    default:
      return null;
  }
}

/**
 * Builds the referenced-tenant block. Callers must have authorized the viewer for the referencing record
 * first: this function only presents, it never decides access.
 */
export function buildReferencedTenantContext(
  tenant: ReferencedTenantInput | null,
  viewer_context: ViewerContext,
  record: ReferencingRecord = {},
): ReferencedTenantContext {
  if (tenant === null) {
    return { tenant_id: null, tenant_name: null, lifecycle_value: null, viewer_context, context_note: null, lifecycle: null };
  }
  const lifecycle = present(tenant.status);
  return {
    tenant_id: tenant.id,
    tenant_name: tenant.name,
    lifecycle_value: tenant.status,
    viewer_context,
    context_note: contextNote(lifecycle, viewer_context, record),
    lifecycle,
  };
}
