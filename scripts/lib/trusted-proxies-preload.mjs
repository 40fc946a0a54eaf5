// `node --import` this into the Next.js server process (scripts/lib/next-process.ts).
import { install } from "./trusted-proxies.mjs";

install();
