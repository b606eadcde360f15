#!/usr/bin/env node
// Entry point: everything lives in dist/cli/main.js (built from src/cli/main.ts).
import '../dist/cli/main.js';
