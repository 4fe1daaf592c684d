#!/usr/bin/env tsx
const steps: string[] = ["a", "b"];
console.log("migrated", steps.length);
