// "Browse rooms" (js/directory.js, with js/state.js) without a browser: opening it asks the server
// for the first page again, since a room's new topic is told to its members only.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { State } from '../../main/resources/web/js/state.js';
import { Directory } from '../../main/resources/web/js/directory.js';

/** A connection whose `directory` answers are the given pages, in order; records what was asked. */
function fakeConn(pages) {
  const asked = [];
  return {
    asked,
    request(frame) {
      asked.push(frame);
      return Promise.resolve(pages.shift() ?? { type: 'directory', rooms: [], more: false });
    },
  };
}

test('opening the directory again shows the topic a room has now', async () => {
  const state = new State();
  state.addToDirectory([{ name: 'plans', topic: 'Old topic', members: 3 }]);
  const conn = fakeConn([{ type: 'directory', rooms: [{ name: 'plans', topic: 'Quarterly plans', members: 4 }], more: false }]);
  const directory = new Directory(conn, state);

  await directory.refresh();

  assert.deepEqual(conn.asked, [{ type: 'directory', limit: 200 }]);
  assert.deepEqual(directory.listing().rooms.map((d) => [d.name, d.topic, d.members]), [['plans', 'Quarterly plans', 4]]);
  assert.equal(directory.listing().loading, false);
});

test('refreshing keeps where "More rooms" goes on from', async () => {
  const state = new State();
  const conn = fakeConn([{ type: 'directory', rooms: [{ name: 'plans', topic: 'New', members: 4 }], more: true, next: 'c9' }]);
  const directory = new Directory(conn, state);
  directory.fromWelcome({ directoryMore: true, directoryNext: 'c200' });

  await directory.refresh();

  assert.equal(directory.next, 'c200');
  assert.equal(directory.listing().more, true);
});

test('a filter being typed is not replaced by the first page', () => {
  const state = new State();
  const conn = fakeConn([]);
  const directory = new Directory(conn, state);
  directory.q = 'pla';
  directory.refresh();
  assert.deepEqual(conn.asked, []);
});
