export function step(message: string): void {
  console.log(`[slipway] ${message}`);
}
