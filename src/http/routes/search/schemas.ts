import { z } from "@hono/zod-openapi";
import { searchFacetLimits, searchFilters } from "../../services.ts";

const filter = (name: string, example: string) =>
  z
    .string()
    .min(1)
    .max(255)
    .optional()
    .openapi({ param: { name, in: "query" }, example });

export const SearchQuerySchema = z.object({
  q: z
    .string()
    .max(255)
    .optional()
    .openapi({ param: { name: "q", in: "query" }, description: "Words to find in names and descriptions" }),
  category: filter("category", "it-development"),
  platform: filter("platform", "web"),
  license: filter("license", "AGPL-3.0-or-later"),
  language: filter("language", "it"),
  country: filter("country", "IT"),
  developmentStatus: filter("developmentStatus", "stable"),
  softwareType: filter("softwareType", "standalone/web"),
  publisher: filter("publisher", "2ded32eb-c45e-4167-9166-a44e18b8adde"),
  updatedSince: z.iso
    .datetime({ offset: true })
    .transform((v) => new Date(v))
    .optional()
    .openapi({ param: { name: "updatedSince", in: "query" }, example: "2024-01-01T00:00:00Z" }),
  lang: z
    .string()
    .max(35)
    .optional()
    .openapi({
      param: { name: "lang", in: "query" },
      description: "Preferred description language",
      example: "it",
    }),
  "page[size]": z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(25)
    .openapi({ param: { name: "page[size]", in: "query" } }),
  facetLimit: z.coerce
    .number()
    .int()
    .min(1)
    .max(searchFacetLimits.max)
    .default(searchFacetLimits.default)
    .openapi({
      param: { name: "facetLimit", in: "query" },
      description: "Facet values returned per facet, most frequent first",
    }),
  "page[after]": z
    .string()
    .min(1)
    .max(255)
    .optional()
    .openapi({ param: { name: "page[after]", in: "query" } }),
});

const facetCounts = z.array(z.object({ value: z.string(), count: z.number().int() }));

export const SearchResultSchema = z
  .object({
    data: z.array(
      z.object({
        id: z.string(),
        url: z.string(),
        name: z.string().nullable(),
        description: z
          .string()
          .nullable()
          .openapi({ description: "Short description, in `lang` when available" }),
        score: z.number().openapi({ description: "Relevance; higher is better" }),
        publisherId: z.string().nullable(),
        updatedAt: z.string().openapi({ format: "date-time" }),
      }),
    ),
    facets: z
      .object(Object.fromEntries(searchFilters.map((f) => [f, facetCounts.optional()])))
      .openapi({ description: "Counts per value of each filter dimension, over the filtered results" }),
    total: z.number().int(),
    links: z.object({ next: z.string().nullable() }),
  })
  .openapi("SearchResult");
