// Which MongoDB the server and the seed use. MONGODB_URI when it is set; in
// production nothing else, ever. On your own machine, without MONGODB_URI: the
// MongoDB listening on the default address if there is one, or else a MongoDB
// of the project's own, so that the first `npm run dev` needs nothing
// installed. That one is a real mongod, started and stopped by
// mongodb-memory-server (the package the tests use), with its data in
// data/db: posts survive a restart. It is for learning; a project that grows
// up sets MONGODB_URI (README.md says how).

import { mkdir } from "node:fs/promises";
import net from "node:net";

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 27017;
export const DEFAULT_URI = `mongodb://${DEFAULT_HOST}:${DEFAULT_PORT}`;
// Relative to the folder the server starts in: the project's.
const DATA = "data/db";

/**
 * Resolves to `{ uri, stop }`: where MongoDB is, and what stops it when the
 * project started it (nothing otherwise).
 */
export async function findMongodb(env = process.env) {
  const nothingToStop = async () => {};
  if (env.MONGODB_URI) {
    return { uri: env.MONGODB_URI, stop: nothingToStop };
  }
  if (env.NODE_ENV === "production" || (await listening(DEFAULT_HOST, DEFAULT_PORT))) {
    return { uri: DEFAULT_URI, stop: nothingToStop };
  }
  return startOwn(env);
}

async function startOwn(env) {
  let MongoMemoryServer;
  try {
    // A development dependency, loaded only here: production never needs it.
    ({ MongoMemoryServer } = await import("mongodb-memory-server-core"));
  } catch (error) {
    throw new Error(
      `no MONGODB_URI and no MongoDB on ${DEFAULT_URI}: run \`npm ci\` (it installs the project's own MongoDB), or set MONGODB_URI`,
      { cause: error },
    );
  }
  await mkdir(DATA, { recursive: true });
  let server;
  try {
    server = await MongoMemoryServer.create({
      // wiredTiger writes to disk: the in-memory engine would forget everything.
      instance: { dbPath: DATA, storageEngine: "wiredTiger" },
    });
  } catch (error) {
    const where = env.MONGOMS_SYSTEM_BINARY ? `MONGOMS_SYSTEM_BINARY (${env.MONGOMS_SYSTEM_BINARY})` : "its download";
    throw new Error(
      `the project's own MongoDB did not start from ${where}: ${oneLine(error)}. Set MONGOMS_SYSTEM_BINARY to a mongod program, or MONGODB_URI to a MongoDB server`,
      { cause: error },
    );
  }
  console.log(`no MONGODB_URI: using the project's own MongoDB in ${DATA}`);
  // doCleanup false: stopping must never delete the data.
  return { uri: server.getUri(), stop: () => server.stop({ doCleanup: false }) };
}

/** Whether something accepts connections at host:port, within a second. */
export function listening(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 });
    const answer = (yes) => {
      socket.destroy();
      resolve(yes);
    };
    socket.once("connect", () => answer(true));
    socket.once("timeout", () => answer(false));
    socket.once("error", () => answer(false));
  });
}

/** The error's message on one line. */
function oneLine(error) {
  return String(error?.message ?? error).replace(/\s+/g, " ").trim();
}
