/*
 * Sourcelight slicing — shared by the extension's content script and the www demo.
 *
 * Long walks over the page (collecting text, scoring article candidates, drawing thousands of
 * highlights) are written once, as generators that `yield` often. `runSync` runs one to the end (the
 * demo, tests, small inputs); `run` runs it in slices of a few milliseconds and gives the event loop
 * back between slices, so a 5 MB page never causes a long task on the page's main thread.
 */
(function (root) {
  'use strict';
  const NS = (root.Sourcelight = root.Sourcelight || {});

  // Checking the clock costs more than a step; look at it every few steps only.
  const CHECK_EVERY = 64;

  /** Runs a generator to completion and returns its return value. */
  function runSync(gen) {
    for (;;) {
      const r = gen.next();
      if (r.done) return r.value;
    }
  }

  /**
   * Gives the event loop back with a message to ourselves: a task of its own, without the 4 ms
   * clamp of nested timers, that lets the page paint in between (Chromium's `scheduler.yield`
   * continuations go before rendering, and a page would paint only every 100 ms meanwhile).
   */
  let channel = null;
  const waiting = [];
  function yieldToLoop() {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => waiting.shift()();
    }
    return new Promise((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(0);
    });
  }

  /**
   * Runs a generator in slices of at most `budgetMs` of work each. `isCancelled()` is checked between
   * slices: a cancelled run settles with `undefined` and the generator is closed.
   * @template T
   * @param {Generator<unknown, T>} gen
   * @param {{budgetMs?: number, isCancelled?: () => boolean}} [opts]
   * @returns {Promise<T | undefined>}
   */
  async function run(gen, opts) {
    const budget = (opts && opts.budgetMs) || 8;
    const cancelled = (opts && opts.isCancelled) || (() => false);
    let sliceStart = performance.now();
    let steps = 0;
    for (;;) {
      const r = gen.next();
      if (r.done) return r.value;
      if (++steps % CHECK_EVERY !== 0) continue;
      if (performance.now() - sliceStart < budget) continue;
      await yieldToLoop();
      if (cancelled()) {
        gen.return(undefined);
        return undefined;
      }
      sliceStart = performance.now();
    }
  }

  NS.slice = { run, runSync, yieldToLoop };
})(typeof globalThis !== 'undefined' ? globalThis : self);
