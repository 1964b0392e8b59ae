import type { RunHandlerRegistry } from '../run-handler';
import { baselineCapture } from './drift/baseline-capture';
import { driftScan } from './drift/drift-scan';
import { inventorySync } from './inventory-sync';
import { verifyProviderConnection } from './provider-verify';
import { TEST_SLEEP_TYPE, testSleep } from './test-sleep';

// Run type → handler. A type without a handler here is completed as failed with run.unknown_type.
export function runHandlers(options: { testRunTypes: boolean }): RunHandlerRegistry {
  return {
    'provider.verify': verifyProviderConnection,
    'inventory.sync': inventorySync,
    'baseline.capture': baselineCapture,
    'drift.scan': driftScan,
    ...(options.testRunTypes ? { [TEST_SLEEP_TYPE]: testSleep } : {}),
  };
}
