// distribution/reference grammar. The first component is a registry only when it looks like a
// host (has a dot or a port, or is localhost), as docker decides; otherwise it is part of the
// lowercase repository path. A tag or digest is required so a release is reproducible.
const ALNUM = "[a-z0-9]+";
const SEPARATOR = "(?:[._]|__|-+)";
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const HOST_COMPONENT = "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?";
const REGISTRY =
  `(?:(?:localhost|${HOST_COMPONENT}(?:\\.${HOST_COMPONENT})+|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?` +
  `|${HOST_COMPONENT}:[0-9]+)`;
const IMAGE_REFERENCE = new RegExp(
  `^((?:${REGISTRY}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$`,
);

// Bounds the regex's work on hostile input; docker's own limit on the name is 255.
const MAX_REFERENCE_LENGTH = 512;
const MAX_NAME_LENGTH = 255;

export function isImageReference(value: string): boolean {
  if (value.length > MAX_REFERENCE_LENGTH) return false;
  const match = IMAGE_REFERENCE.exec(value);
  if (!match) return false;
  const [, name = "", tag, digest] = match;
  return name.length <= MAX_NAME_LENGTH && (tag !== undefined || digest !== undefined);
}

export const IMAGE_HINT = "registry/path:tag or registry/path@sha256:<64 hex>";
