// read-sync.js — A room's read marker after a reconnect, without a browser: the welcome's `readSeq` is the marker as every device left it. What this device read while disconnected (beyond what the server last told it) goes to the server; else the server's marker is taken as it is, back as well as forward (marked unread on another device meanwhile).

/**
 * `local`: the marker this device holds; `shared`: the last marker the server told it (welcome or
 * `read`); `server`: the welcome's. Answers {seq, back, push}: the marker to hold, whether that
 * sets it back, and whether to send `read` {seq}.
 */
export function readAfterWelcome(local, shared, server) {
  const here = local || 0;
  const there = server || 0;
  if (here > (shared || 0) && here > there) return { seq: here, back: false, push: true };
  return { seq: there, back: there < here, push: false };
}
