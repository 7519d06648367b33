// Value checks behind the tags, on the edge cases the reference's libraries decide.
import { describe, expect, it } from "vitest";
import { graphemeCount, isBcp47, isDate, isSpdxExpression } from "../../../src/publiccode/formats.ts";
import { isHttpUrl, isOrganisationUri, isUrl } from "../../../src/publiccode/url-rules.ts";

describe("graphemeCount", () => {
  it.each([
    { text: "abc", count: 3 },
    { text: "perché l’app costa 5 €", count: 22 },
    { text: "a\r\nb", count: 3 },
    { text: "e\u0301", count: 1 },
    { text: "👩‍👩‍👧", count: 1 },
    { text: "🇮🇹🇪🇺", count: 2 },
  ])("counts $text as $count user-perceived characters", ({ text, count }) => {
    expect(graphemeCount(text)).toBe(count);
  });

  it("stops counting at the limit it is given", () => {
    expect(graphemeCount("é\u0301".repeat(500), 150)).toBe(150);
  });
});

describe("tag formats", () => {
  it.each([
    ["en", true],
    ["en-GB", true],
    ["it-IT", true],
    ["en_GB", false],
    ["xxx", false],
    ["en-XX", false],
  ])("judges the BCP 47 tag %s as %s", (tag, ok) => expect(isBcp47(tag)).toBe(ok));

  it.each([
    ["2017-04-15", true],
    ["2020-02-29", true],
    ["2019-02-29", false],
    ["2017-4-15", false],
    ["2017-04-15T10:00:00Z", false],
  ])("judges the date %s as %s", (date, ok) => expect(isDate(date)).toBe(ok));

  it.each([
    ["AGPL-3.0-or-later", true],
    ["mit", true],
    ["MIT OR Apache-2.0", true],
    ["EUPL-1.2 WITH Classpath-exception-2.0", true],
    ["Proprietary", false],
    ["", false],
  ])("judges the licence %s as %s", (licence, ok) => expect(isSpdxExpression(licence)).toBe(ok));

  it.each([
    ["https://example.org/x", true, true],
    ["ftp://example.org/x", true, false],
    ["mailto:someone@example.org", true, false],
    ["foobar", false, false],
    ["https://exa mple.org", false, false],
  ])("judges the URL %s as url=%s, http_url=%s", (url, asUrl, asHttp) => {
    expect(isUrl(url)).toBe(asUrl);
    expect(isHttpUrl(url)).toBe(asHttp);
  });

  it.each([
    ["urn:x-italian-pa:pcm", true],
    ["urn:x-italian-pa:no_such_code", false],
    ["https://example.org", true],
    ["example.org", false],
  ])("judges the organisation URI %s as %s", (uri, ok) => expect(isOrganisationUri(uri)).toBe(ok));
});
