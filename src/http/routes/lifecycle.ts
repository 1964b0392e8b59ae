import { z } from 'zod';
import { lifecycleActions, lifecycleStates, lifecycleSurfaceVariants, lifecycleTransitions, present } from '../../domain/lifecycle';
import type { RegisterRoutes } from '../app-context';
import { lifecyclePresentationSchema, surfaceVariantSchema } from '../schemas/lifecycle';

// Publishes the lifecycle presentation contract so every client renders from the same source.
export const registerLifecycleRoutes: RegisterRoutes = (app) => {
  app.get('/api/lifecycle', {
    config: { access: { scope: 'public' } },
    schema: {
      tags: ['lifecycle'],
      summary: 'The lifecycle presentation contract',
      response: {
        200: z.object({
          states: z.array(lifecyclePresentationSchema),
          variants: z.record(z.string(), surfaceVariantSchema),
          invalid_fallback: lifecyclePresentationSchema,
          transitions: z.array(
            z.object({ action: z.enum(lifecycleActions), label: z.string(), from: z.string(), to: z.string(), requires_confirmation: z.boolean() }),
          ),
        }),
      },
    },
    handler: async () => ({
      states: lifecycleStates.map((state) => present(state)),
      variants: lifecycleSurfaceVariants,
      invalid_fallback: present(null),
      transitions: [...lifecycleTransitions],
    }),
  });
};
