import { lifecycleStates, lifecycleSurfaceVariants, lifecycleTransitions, present } from '../../domain/lifecycle';
import type { RegisterRoutes } from '../app-context';
import { lifecycleCatalogSchema } from '../schemas/lifecycle';

// Publishes the lifecycle presentation contract so every client renders from the same source.
export const registerLifecycleRoutes: RegisterRoutes = (app) => {
  app.get('/api/lifecycle', {
    config: { access: { scope: 'public' } },
    schema: {
      tags: ['lifecycle'],
      summary: 'The lifecycle presentation contract',
      response: { 200: lifecycleCatalogSchema },
    },
    handler: async () => ({
      states: lifecycleStates.map((state) => present(state)),
      variants: lifecycleSurfaceVariants,
      invalid_fallback: present(null),
      transitions: [...lifecycleTransitions],
    }),
  });
};
