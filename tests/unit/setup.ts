// Services are tested on a real Dexie over an in-memory IndexedDB.
import 'fake-indexeddb/auto';
