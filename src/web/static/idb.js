// A few promises over IndexedDB: one database, two stores (drafts by "variantId:partId", and the outbox by submission id).
const dbName = 'steadfast';
const dbVersion = 1;
export const draftsStore = 'drafts';
export const outboxStore = 'outbox';

let opened = null;

export function openDb() {
  opened ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName, dbVersion);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(draftsStore, { keyPath: 'key' });
      req.result.createObjectStore(outboxStore, { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return opened;
}

async function run(store, mode, act) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = act(tx.objectStore(store));
    // Resolve on commit, not on request success, so that "kept on this device" is true when we say it.
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export const put = (store, value) => run(store, 'readwrite', (s) => s.put(value));
export const remove = (store, key) => run(store, 'readwrite', (s) => s.delete(key));
export const getAll = (store) => run(store, 'readonly', (s) => s.getAll());
export const count = (store) => run(store, 'readonly', (s) => s.count());
