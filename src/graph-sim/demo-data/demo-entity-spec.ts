import type { SimEntity } from '../sim-types';
import type { DemoContext } from './entity-basics';

/** One generated policy: its name, whether every tenant has it, and how to build it. */
export interface DemoEntitySpec {
  name: string;
  /** Present in every generated tenant; otherwise a tenant has it with a seeded chance. */
  always?: boolean;
  build: (context: DemoContext, name: string) => SimEntity;
}
