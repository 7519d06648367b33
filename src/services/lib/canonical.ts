// canonicalUrl for verb inputs: a bad URL is the caller's error (InvalidInputError naming the field).
import { canonicalUrl, InvalidUrlError } from "../../lib/url.ts";
import { InvalidInputError } from "../errors.ts";

export function canonicalInputUrl(url: string, field = "url"): string {
  try {
    return canonicalUrl(url);
  } catch (error) {
    if (error instanceof InvalidUrlError)
      throw new InvalidInputError(error.message, [{ field, message: error.message }]);
    throw error;
  }
}
