import type { Command } from 'commander';
import { registerBackup } from './backup';
import { registerGraphSim } from './graph-sim';
import { registerMigrate } from './migrate';
import { registerServe } from './serve';
import { registerToken } from './token';
import { registerUser } from './user';
import { registerWorker } from './worker';
import { registerWorkspace } from './workspace';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerMigrate, registerServe, registerWorkspace, registerUser, registerToken, registerGraphSim, registerWorker, registerBackup];
