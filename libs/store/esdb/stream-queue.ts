/**
 * Runs the appends of one process to one stream one after another. Each append reads the
 * stream's head and writes at exactly the next revision, so two appends of the same process
 * racing for a stream would only make one of them re-read and retry; queueing them avoids that.
 * Appends to different streams still run concurrently, and other processes are still handled by
 * the retry on a wrong expected revision.
 */
export class StreamQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(streamId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(streamId) ?? Promise.resolve();
    const result = previous.then(task);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(streamId, settled);
    // Forget the stream once its last queued append is done, so the map does not grow with streams.
    void settled.then(() => {
      if (this.tails.get(streamId) === settled) this.tails.delete(streamId);
    });
    return result;
  }
}
