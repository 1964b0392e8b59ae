import type { Command } from 'commander';
import { registerGraphSim } from './graph-sim';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerGraphSim];
