// Cursor pagination.
//
// A page is ordered by (created_at, _id): creation time first, the id to break
// ties, so the order is total. The cursor is the position of the page's last
// item, base64url-encoded so that clients treat it as opaque. The next page
// asks for the items strictly after that position: unlike skip(n), nothing is
// shown twice or left out when new items arrive while someone is paging, and
// MongoDB jumps straight to the position through an index.

import { ObjectId } from "mongodb";

import { PAGE_DEFAULT, PAGE_MAX } from "./limits.js";
import { Checks } from "./validation.js";

export const NEWEST_FIRST = -1;
export const OLDEST_FIRST = 1;

// "<milliseconds since 1970>.<24 hex digits>", once decoded.
const POSITION = /^(\d{1,15})\.([0-9a-f]{24})$/;

/** `limit` and `cursor` from the query string, or a 422 naming the bad ones. */
export function pageParams(query) {
  const checks = new Checks();
  let limit = PAGE_DEFAULT;
  if (query.limit !== undefined) {
    // Digits only: Number() alone would also take "1e2", " 5" and "0x10". A
    // repeated parameter (?limit=1&limit=2) arrives as an array.
    const digits = typeof query.limit === "string" && /^\d{1,3}$/.test(query.limit);
    limit = digits ? Number(query.limit) : 0;
    if (limit < 1 || limit > PAGE_MAX) {
      checks.fail("limit", `must be a whole number from 1 to ${PAGE_MAX}`);
    }
  }
  let after = null;
  if (query.cursor !== undefined) {
    after = decodeCursor(query.cursor);
    if (after === null) {
      checks.fail("cursor", "is not a cursor this server handed out");
    }
  }
  checks.done();
  return { limit, after };
}

/**
 * One page of the documents of `collection` that match `filter`, in `order`.
 * Returns { items, nextCursor }; nextCursor is null on the last page. One
 * extra document is fetched to learn whether there is a next page, without
 * counting them all.
 */
export async function findPage(collection, filter, { limit, after }, order = NEWEST_FIRST) {
  let query = filter;
  if (after !== null) {
    const beyond = order === NEWEST_FIRST ? "$lt" : "$gt";
    const position = {
      $or: [
        { created_at: { [beyond]: after.createdAt } },
        { created_at: after.createdAt, _id: { [beyond]: after.id } },
      ],
    };
    query = { $and: [filter, position] };
  }
  const items = await collection
    .find(query)
    .sort({ created_at: order, _id: order })
    .limit(limit + 1)
    .toArray();
  if (items.length <= limit) {
    return { items, nextCursor: null };
  }
  const last = items[limit - 1];
  return { items: items.slice(0, limit), nextCursor: encodeCursor(last) };
}

function encodeCursor({ created_at, _id }) {
  return Buffer.from(`${created_at.getTime()}.${_id.toHexString()}`).toString("base64url");
}

function decodeCursor(cursor) {
  const match =
    typeof cursor === "string" && POSITION.exec(Buffer.from(cursor, "base64url").toString());
  if (!match) {
    return null;
  }
  return { createdAt: new Date(Number(match[1])), id: ObjectId.createFromHexString(match[2]) };
}
