// Follows, and the counts they change on both users. A count moves only when a
// follow was really inserted or deleted, so identical requests racing each
// other change it once.

import { insertOnce } from "./unique.js";

export async function follow(db, followerId, followeeId) {
  const fields = { follower_id: followerId, followee_id: followeeId };
  if (await insertOnce(db.collection("follows"), fields)) {
    await countFollow(db, followerId, followeeId, 1);
  }
}

export async function unfollow(db, followerId, followeeId) {
  const { deletedCount } = await db
    .collection("follows")
    .deleteOne({ follower_id: followerId, followee_id: followeeId });
  if (deletedCount === 1) {
    await countFollow(db, followerId, followeeId, -1);
  }
}

/** The ids (as hex strings) of those among `userIds` whom the user follows. */
export async function followedAmong(db, followerId, userIds) {
  const follows = await db
    .collection("follows")
    .find({ follower_id: followerId, followee_id: { $in: userIds } })
    .project({ followee_id: 1 })
    .toArray();
  return new Set(follows.map((follow) => follow.followee_id.toHexString()));
}

/** The ids of everyone the user follows. */
export function followeeIds(db, followerId) {
  return db
    .collection("follows")
    .find({ follower_id: followerId })
    .map((follow) => follow.followee_id)
    .toArray();
}

async function countFollow(db, followerId, followeeId, change) {
  const users = db.collection("users");
  await Promise.all([
    users.updateOne({ _id: followerId }, { $inc: { following_count: change } }),
    users.updateOne({ _id: followeeId }, { $inc: { followers_count: change } }),
  ]);
}
