#!/usr/bin/env node
// Runs the emulator's TypeScript sources directly: tsx compiles them as they load (no build step).
import { register } from "tsx/esm/api";

register();
await import("../main.ts");
