import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from "node:dns";
import { BlockList, isIP } from "node:net";

// Addresses no cluster's API server has, where a request with Slipway's credentials (or one a
// kubeconfig makes Slipway send) would reach a cloud's instance metadata instead: link-local
// (169.254.0.0/16, fe80::/10, where AWS, GCP, Azure, Huawei and Tencent answer), AWS's IPv6
// endpoint and Alibaba Cloud's 100.100.100.200.
const REFUSED = new BlockList();
REFUSED.addSubnet("169.254.0.0", 16, "ipv4");
REFUSED.addAddress("100.100.100.200", "ipv4");
REFUSED.addSubnet("fe80::", 10, "ipv6");
REFUSED.addAddress("fd00:ec2::254", "ipv6");

export class RefusedAddressError extends Error {
  readonly code = "ESLIPWAYREFUSEDADDRESS";
  constructor(readonly host: string) {
    super(`${host} is a link-local or cloud metadata address, not a cluster`);
    this.name = "RefusedAddressError";
  }
}

export function isRefusedAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 0) return false;
  // ::ffff:169.254.169.254 reaches the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  if (mapped) return REFUSED.check(mapped, "ipv4");
  return REFUSED.check(bare, family === 4 ? "ipv4" : "ipv6");
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );
}

// The server URL's host, and every address its name resolves to now, must be an allowed one.
// (Connections check again when they resolve: see guardedLookup.)
export async function assertClusterAddress(server: string): Promise<void> {
  const host = new URL(server).hostname.replace(/^\[|\]$/g, "");
  if (isRefusedAddress(host)) throw new RefusedAddressError(host);
  if (isIP(host) !== 0) return;
  let addresses: LookupAddress[];
  try {
    addresses = await resolveAll(host);
  } catch {
    return; // An unknown name fails later as "unreachable", with the cluster's name in the message.
  }
  if (addresses.some((entry) => isRefusedAddress(entry.address))) throw new RefusedAddressError(host);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

// A `lookup` for the sockets to a cluster: the name is resolved as usual and refused when any
// address is link-local or metadata, so a name that points there later (DNS rebinding) is
// refused too. Literal IP addresses never reach a lookup; parseKubeconfig refuses those.
export function guardedLookup(hostname: string, options: LookupAllOptions | object, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    if (addresses.some((entry) => isRefusedAddress(entry.address)))
      return callback(new RefusedAddressError(hostname) as NodeJS.ErrnoException, []);
    if ((options as { all?: boolean }).all) return callback(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
}
