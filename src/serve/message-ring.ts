import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/**
 * A one-way queue of text messages between two threads, in shared memory: one thread writes, the
 * other reads. `FunctionPool` sends invocations to a
 * function's worker through one and gets answers through another: a message costs a UTF-8 copy
 * each way instead of a `postMessage` (serialisation, a lock, an event dispatched on each side),
 * and a thread that finds the next message already there goes on without being woken.
 *
 * Layout: two Int32 counters (bytes written, bytes read; both only grow, wrapping at 2^32), an
 * Int32 flag (1 while the reader may wait for a message), padding, and `capacity` bytes of entries. An entry is a 4-byte length and the message's UTF-8 bytes, padded
 * to 4 bytes. A message that does not fit the free space goes through `overflow` (a MessagePort
 * read synchronously with `receiveMessageOnPort`), leaving only its entry in the ring, so that
 * messages keep their order whatever their size. The writer waits for nothing: the reader of a
 * full ring is the one that is behind (a worker stalled in a handler) and its messages are few.
 * @see https://nodejs.org/docs/latest-v20.x/api/worker_threads.html#workerreceivemessageonportport
 */
export class MessageRing {
  readonly #counters: Int32Array;
  readonly #lengths: Int32Array;
  readonly #bytes: Buffer;
  readonly #mask: number;
  readonly #overflow: MessagePort;

  /**
   * The shared memory of a ring of `capacity` bytes (a power of two), for both ends.
   * @example
   * const { port1, port2 } = new MessageChannel();
   * const memory = MessageRing.allocate(1 << 16);
   * const writer = new MessageRing(memory, port1); // and `new MessageRing(memory, port2)` in the reader's thread
   */
  static allocate(capacity: number): SharedArrayBuffer {
    if (capacity < 64 || (capacity & (capacity - 1)) !== 0)
      throw new RangeError(`a ring's capacity is a power of two from 64 bytes (got ${capacity})`);
    return new SharedArrayBuffer(HEADER_BYTES + capacity);
  }

  constructor(memory: SharedArrayBuffer, overflow: MessagePort) {
    this.#counters = new Int32Array(memory, 0, 3);
    this.#lengths = new Int32Array(memory, HEADER_BYTES);
    this.#bytes = Buffer.from(memory, HEADER_BYTES);
    this.#mask = this.#bytes.length - 1;
    this.#overflow = overflow;
    // Read only synchronously: the port never keeps a thread alive.
    overflow.unref();
  }

  /**
   * Resolves once a message is there (reader's end), leaving the reader's event loop running
   * meanwhile: a handler's timers keep ticking between invocations, as they did with messages.
   * It may also resolve with nothing to read (a late wake-up): the reader reads, and waits again.
   */
  whenWritten(): Promise<unknown> {
    if (!this.#raiseFlag()) return Promise.resolve();
    const waiting = (Atomics as unknown as AtomicsWaitAsync).waitAsync(this.#counters, WAITING, 1);
    return waiting.async ? waiting.value : Promise.resolve();
  }

  /**
   * Blocks the reader's thread until a message is there (reader's end): its event loop stops
   * meanwhile, but a wake-up costs the writer a signal to one thread where `whenWritten` costs it
   * a task posted to the reader's event loop. It may also return with nothing to read (see `whenWritten`).
   */
  waitUntilWritten(): void {
    if (this.#raiseFlag()) Atomics.wait(this.#counters, WAITING, 1);
    Atomics.store(this.#counters, WAITING, 0);
  }

  /**
   * Raises the reader's flag, then looks for a message: false if one came (the flag is down again).
   * The reader sleeps on the flag itself, not on the counters: a writer's `wake()` lowers it, so a
   * wake-up that lands between the reader raising it and going to sleep is never lost (waiting on
   * the written counter, a late `wake()` for a message the reader had already taken lowered the
   * flag and left it asleep; the next message then woke nobody).
   */
  #raiseFlag(): boolean {
    Atomics.store(this.#counters, WAITING, 1);
    if (Atomics.load(this.#counters, WRITTEN) === Atomics.load(this.#counters, READ)) return true;
    Atomics.store(this.#counters, WAITING, 0);
    return false;
  }

  /**
   * Wakes the reader if it may wait for a message (writer's end). A reader that is awake is not
   * notified: on the Lambda routes of bench:serve, the notify was ~20% of the server thread's time,
   * and an invocation often goes to a worker already awake. The flag goes down with the one
   * notify, so the writes that follow before the reader runs notify no more.
   */
  wake(): void {
    if (Atomics.exchange(this.#counters, WAITING, 0) === 1) Atomics.notify(this.#counters, WAITING);
  }

  /** Whether the reader may be waiting for a message (writer's end): a message then costs it a wake-up. */
  readerSleeps(): boolean {
    return Atomics.load(this.#counters, WAITING) === 1;
  }

  /** Writes a message (writer's end): a reader that may be waiting needs `wake()` too. */
  write(text: string): void {
    const capacity = this.#bytes.length;
    let written = Atomics.load(this.#counters, WRITTEN);
    const free = capacity - ((written - Atomics.load(this.#counters, READ)) | 0);
    const length = Buffer.byteLength(text);
    const padded = (length + 3) & ~3;
    let at = written & this.#mask;
    // An entry never wraps: one that would reach past the end starts over at 0 after a wrap mark.
    const skip = at + 4 + padded > capacity ? capacity - at : 0;
    if (4 + padded + skip <= free - SPARE_BYTES) {
      if (skip > 0) {
        this.#lengths[at >> 2] = WRAP;
        written = (written + skip) | 0;
        at = 0;
      }
      this.#lengths[at >> 2] = length;
      this.#bytes.write(text, at + 4, length, 'utf8');
      Atomics.store(this.#counters, WRITTEN, (written + 4 + padded) | 0);
      return;
    }
    if (free < 4) throw new RangeError('a message ring has no room left for an entry');
    this.#overflow.postMessage(text);
    this.#lengths[at >> 2] = ON_PORT;
    Atomics.store(this.#counters, WRITTEN, (written + 4) | 0);
  }

  /** The next message, if one was written (reader's end). */
  read(): string | undefined {
    let read = Atomics.load(this.#counters, READ);
    if (read === Atomics.load(this.#counters, WRITTEN)) return undefined;
    let at = read & this.#mask;
    let length = this.#lengths[at >> 2]!;
    if (length === WRAP) {
      read = (read + this.#bytes.length - at) | 0;
      at = 0;
      length = this.#lengths[0]!;
    }
    if (length === ON_PORT) {
      Atomics.store(this.#counters, READ, (read + 4) | 0);
      return receiveMessageOnPort(this.#overflow)!.message as string;
    }
    const text = this.#bytes.toString('utf8', at + 4, at + 4 + length);
    Atomics.store(this.#counters, READ, (read + 4 + ((length + 3) & ~3)) | 0);
    return text;
  }
}

/** `Atomics.waitAsync` (ES2024; Node 16+), missing from the ES2023 library this project compiles against. */
interface AtomicsWaitAsync {
  waitAsync(array: Int32Array, index: number, value: number): { async: false } | { async: true; value: Promise<unknown> };
}

/** The two counters and the flag, padded to 16 bytes. */
const HEADER_BYTES = 16;
const WRITTEN = 0;
const READ = 1;
const WAITING = 2;
/** Entry lengths that are marks: the rest of the ring is unused (next entry at 0), or the message is on the port. */
const WRAP = -1;
const ON_PORT = -2;
/**
 * Room always kept for entries of messages that go through the port: 16 of them. A ring never
 * holds more than a handful (`FunctionPool` sends a worker at most 3 invocations beyond the one it runs).
 */
const SPARE_BYTES = 64;
