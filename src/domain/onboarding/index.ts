export * from './onboarding-steps';
