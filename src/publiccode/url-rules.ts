// URL rules as the reference applies them: Go's net/url parsing (reduced to what the rules read) under
// go-playground/validator's `url` / `http_url` and the reference's organisation and supports URIs.
import { isItalianIpaCode } from "./data/lookups.ts";
import { SUPPORTS_ALIASES } from "./data/supports-aliases.ts";

interface GoUrl {
  scheme: string;
  host: string;
  opaque: string;
  path: string;
  fragment: string;
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Go's url.Parse, reduced to the parts the rules look at; null where Go returns an error. */
export function parseGoUrl(raw: string, requestUri = false): GoUrl | null {
  if (hasControlCharacter(raw) || /%(?![0-9a-fA-F]{2})/.test(raw)) return null;
  let rest = raw;
  let fragment = "";
  const hash = requestUri ? -1 : rest.indexOf("#");
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  else if (/^[^/?]*:/.test(rest)) return null;
  else if (requestUri && !rest.startsWith("/")) return null;
  const query = rest.indexOf("?");
  if (query >= 0) rest = rest.slice(0, query);
  const lowerScheme = scheme?.[1]?.toLowerCase() ?? "";
  if (lowerScheme && !rest.startsWith("/"))
    return { scheme: lowerScheme, host: "", opaque: rest, path: "", fragment };
  let host = "";
  if (rest.startsWith("//") && !(requestUri && !lowerScheme)) {
    const authority = rest.slice(2).split("/")[0] ?? "";
    rest = rest.slice(2 + authority.length);
    host = authority.slice(authority.lastIndexOf("@") + 1);
    if (/[\s<>"{}|\\^`]/.test(host)) return null;
  }
  return { scheme: lowerScheme, host, opaque: "", path: rest, fragment };
}

export function isUrl(value: string): boolean {
  const s = value.toLowerCase();
  if (s === "") return false;
  if (s.startsWith("file:/")) return true;
  const u = parseGoUrl(s);
  if (!u || u.scheme === "") return false;
  if (u.scheme === "file") return u.path !== "" && u.path !== "/";
  return u.host !== "" || u.fragment !== "" || u.opaque !== "";
}

export function isHttpUrl(value: string): boolean {
  if (!isUrl(value)) return false;
  const u = parseGoUrl(value.toLowerCase());
  return u !== null && u.host !== "" && (u.scheme === "http" || u.scheme === "https");
}

const URN = /^urn:[a-z0-9][a-z0-9-]{0,31}:(?:[a-z0-9()+,\-.:=@;$_!*'/?#]|%[0-9a-f]{2})+$/i;

export function isOrganisationUri(value: string): boolean {
  const u = parseGoUrl(value, true);
  if (!u) return false;
  if (u.scheme === "urn") {
    if (!URN.test(value)) return false;
    const italianPa = /^x-italian-pa:(.*)$/i.exec(u.opaque);
    return italianPa ? isItalianIpaCode(italianPa[1] ?? "") : true;
  }
  return u.scheme !== "" && u.host !== "";
}

export function isSupportsId(value: string): boolean {
  if (value.startsWith("alias:")) return SUPPORTS_ALIASES.has(value.slice("alias:".length));
  const u = parseGoUrl(value, true);
  if (!u) return false;
  if (u.scheme === "urn") return URN.test(value);
  return u.scheme !== "" && u.host !== "";
}
