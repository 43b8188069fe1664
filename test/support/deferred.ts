// A promise settled from outside the code that awaits it: what a test holds open (a
// transaction, a delivery, a statement's answer) and lets go of once it has checked what
// happens meanwhile. Node 20 has no Promise.withResolvers.
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((settle, fail) => {
    resolve = settle;
    reject = fail;
  });
  return { promise, resolve, reject };
}
