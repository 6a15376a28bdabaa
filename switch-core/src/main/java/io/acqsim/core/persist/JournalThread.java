package io.acqsim.core.persist;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's one thread and the queue event loops hand it work through. Handing over takes no
 * lock (a JCTools multi-producer queue, where a JDK executor's {@code LinkedBlockingQueue} makes
 * every event loop take the same lock per request) and wakes the thread only when it sleeps: the
 * thread says it is about to park, looks at the queue once more, then parks; a producer queues
 * first, then unparks a thread that said it parks, so no task is left asleep in the queue.
 */
final class JournalThread implements Executor {
    private static final Logger log = LoggerFactory.getLogger(JournalThread.class);
    private static final int CHUNK = 1024;

    private final MpscUnboundedXaddArrayQueue<Runnable> queue = new MpscUnboundedXaddArrayQueue<>(CHUNK);
    private final Thread thread;
    private volatile boolean parking;
    private volatile boolean stopping;

    JournalThread(String name) {
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a task; never waits. Rejected once {@link #shutdown} was called. */
    @Override
    public void execute(Runnable task) {
        if (stopping) {
            throw new RejectedExecutionException("the journal is closing");
        }
        queue.offer(task);
        if (parking) {
            LockSupport.unpark(thread);
        }
    }

    private void loop() {
        while (true) {
            Runnable task = queue.poll();
            if (task != null) {
                try {
                    task.run();
                } catch (Throwable t) {
                    log.error("journal thread: a task failed: {}", t.toString(), t);
                }
                continue;
            }
            if (stopping && queue.isEmpty()) {
                return;
            }
            parking = true;
            if (queue.isEmpty() && !stopping) {
                LockSupport.park(this);
            }
            parking = false;
        }
    }

    /** Takes no more tasks; those queued still run. */
    void shutdown() {
        stopping = true;
        LockSupport.unpark(thread);
    }

    /** Waits (bounded) for the queued tasks to run; false if some are still there. */
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        thread.join(Math.max(1, unit.toMillis(timeout)));
        return !thread.isAlive();
    }
}
