// Writes that a unique index guards (see db/indexes.js).

import { MongoServerError } from "mongodb";

/** Whether a write broke a unique index ("E11000 duplicate key error"). */
export function isDuplicateKey(error) {
  return error instanceof MongoServerError && error.code === 11000;
}

/**
 * Inserts `{...fields, created_at}` unless a document with these fields
 * exists; true when this call inserted it. Two requests racing each other
 * cannot both get true: the unique index on the fields lets one insert win.
 */
export async function insertOnce(collection, fields) {
  try {
    const { upsertedCount } = await collection.updateOne(
      fields,
      { $setOnInsert: { created_at: new Date() } },
      { upsert: true },
    );
    return upsertedCount === 1;
  } catch (error) {
    if (isDuplicateKey(error)) {
      return false; // the other request inserted it first
    }
    throw error;
  }
}
