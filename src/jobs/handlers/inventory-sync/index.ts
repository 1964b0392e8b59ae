export { inventorySync } from './inventory-sync';
