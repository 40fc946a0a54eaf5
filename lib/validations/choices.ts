// Choices offered by forms, for server and browser alike. Browser code takes them from here
// rather than from the schema modules: zod's schema compiler probes whether it may evaluate
// code, which the Content-Security-Policy refuses and reports as a violation (see limits.ts).
export const CHANNEL_KINDS = ["wecom_robot", "wecom_app", "webhook", "email", "console"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const MUTE_HOURS = [1, 4, 24] as const;

export const ROUTING_MODES = ["gateway_api", "ingress_nginx", "none"] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];
