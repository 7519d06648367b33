export { createOpenCatalogClient, type OpenCatalogClient } from "./client.ts";
export { NextLinkError, resolveNextPage } from "./next-page.ts";
export { PageFormatError, parseItem, parsePageBody } from "./parse-page.ts";
export type { ListSoftwareOptions, MirrorItem, OpenCatalogClientOptions, SkippedItem } from "./types.ts";
