// The connection to MongoDB. The driver keeps a pool of connections behind one
// MongoClient: the server makes a single client at start-up and shares it.

import { MongoClient } from "mongodb";

export async function connect(uri, databaseName) {
  // Five seconds to find the server, not the driver's thirty: when MongoDB is
  // down, requests and /healthz fail that much sooner.
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  return { client, db: client.db(databaseName) };
}
